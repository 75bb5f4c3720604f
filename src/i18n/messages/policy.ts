// The refund policy explained: one message per check outcome (keys are the reasonKeys of
// src/domain/refundPolicy.ts under `policy.`), the suggested decision and what blocks an approval.
import type { Catalogue } from './types';

const en = {
  policy: {
    title: 'Policy checks',
    loading: 'Checking the policy…',
    unavailable: 'The policy checks cannot be shown: the customer record could not be loaded.',
    check: {
      window: 'Refund window',
      refundable: 'Spent coins',
      tipping: 'Tipping',
      information: 'Required information',
      account: 'Account status',
      duplicate: 'Duplicate requests',
    },
    window: {
      inside:
        'Submitted %{days} day after purchase, inside the %{limit}-day refund window. |||| Submitted %{days} days after purchase, inside the %{limit}-day refund window.',
      outside:
        'Submitted %{days} day after purchase, outside the %{limit}-day refund window: reject unless a supervisor overrides. |||| Submitted %{days} days after purchase, outside the %{limit}-day refund window: reject unless a supervisor overrides.',
      purchase_after_submission:
        'Data error: the purchase time (%{purchasedAt}) is later than the submission (%{submittedAt}). Ask the customer for the purchase time and proof of payment; do not approve on these times.',
    },
    refundable: {
      all: 'No coins spent: the full amount of %{refundable} is refundable.',
      part: '%{spent} of %{coins} coins spent: only the %{unspent} unspent coins are refundable, %{refundable}.',
      none: 'All %{coins} coins are spent: nothing is refundable.',
      committed:
        'No coins spent, but %{committed} of this order is already refunded or held by %{heldBy}: what is left to refund is %{refundable}.',
      committed_none:
        'No coins spent, but the whole %{committed} of this order is already refunded or held by %{heldBy}: nothing is left to refund.',
      spent_committed:
        '%{spent} of %{coins} coins spent, and %{committed} of the unspent coins’ price is already refunded or held by %{heldBy} on this order: what is left to refund is %{refundable}.',
      spent_committed_none:
        '%{spent} of %{coins} coins spent, and the price of the %{unspent} unspent coins is already refunded or held by %{heldBy} on this order (%{committed}): nothing is left to refund.',
    },
    tipping: {
      yes: '%{tipped} coin went to tips: an approval needs a supervisor’s second approval. |||| %{tipped} coins went to tips: an approval needs a supervisor’s second approval.',
      no: 'No coins went to tips.',
    },
    information: {
      complete: 'Order number, purchase time and reason are all provided.',
      missing: 'Missing: %{items}. Ask the customer for it; never reject for this.',
    },
    account: {
      normal: 'The account is in good standing.',
      restricted: 'The account is restricted: automatic approval is blocked.',
      banned: 'The account is banned: automatic approval is blocked.',
    },
    duplicate: {
      yes: 'Other open requests exist for this order: %{ids}.',
      no: 'No other open request for this order.',
    },
    suggestion: {
      title: 'Suggested decision: %{decision}',
      approve: 'Approve in full',
      approve_partial: 'Approve the unspent part',
      reject: 'Reject',
      request_info: 'Request information',
    },
    detail: {
      amount: 'Refundable: %{amount}',
      rejection: 'Reason: %{reason}',
      missing: 'Ask for: %{items}',
      second_approval: 'An approval will need a supervisor’s second approval.',
    },
    blockers: {
      title: 'Approval blocked unless a supervisor overrides: %{reasons}',
      outside_window: 'outside the refund window',
      account_restricted: 'account restricted',
    },
  },
};

const zh: Catalogue<typeof en> = {
  policy: {
    title: '政策检查',
    loading: '正在检查政策…',
    unavailable: '无法加载客户信息，暂时不能显示政策检查。',
    check: {
      window: '退款时限',
      refundable: '已消费金币',
      tipping: '打赏',
      information: '必需资料',
      account: '账户状态',
      duplicate: '重复申请',
    },
    window: {
      inside: '购买 %{days} 天后提交，在 %{limit} 天退款时限内。',
      outside: '购买 %{days} 天后提交，已超出 %{limit} 天退款时限：除非主管特批，否则应驳回。',
      purchase_after_submission:
        '数据有误：购买时间（%{purchasedAt}）晚于提交时间（%{submittedAt}）。请向客户补充购买时间和付款凭证，不要按此时间通过。',
    },
    refundable: {
      all: '金币未消费：全额 %{refundable} 可退。',
      part: '%{coins} 金币中已消费 %{spent}：仅未消费的 %{unspent} 金币可退，共 %{refundable}。',
      none: '%{coins} 金币已全部消费：无可退金额。',
      committed:
        '金币未消费，但该订单已有 %{committed} 已退款或被申请 %{heldBy} 占用：剩余可退 %{refundable}。',
      committed_none:
        '金币未消费，但该订单的 %{committed} 已全部退款或被申请 %{heldBy} 占用：无剩余可退金额。',
      spent_committed:
        '%{coins} 金币中已消费 %{spent}，未消费金币对应金额中的 %{committed} 已退款或被申请 %{heldBy} 占用：剩余可退 %{refundable}。',
      spent_committed_none:
        '%{coins} 金币中已消费 %{spent}，其余 %{unspent} 金币对应的金额（%{committed}）已退款或被申请 %{heldBy} 占用：无剩余可退金额。',
    },
    tipping: {
      yes: '有 %{tipped} 金币用于打赏：通过需主管二次审批。',
      no: '没有金币用于打赏。',
    },
    information: {
      complete: '订单号、购买时间和退款原因均已提供。',
      missing: '缺少：%{items}。请向客户补充资料，不得因此驳回。',
    },
    account: {
      normal: '账户状态正常。',
      restricted: '账户受限：不能自动通过。',
      banned: '账户已封禁：不能自动通过。',
    },
    duplicate: {
      yes: '该订单还有其他未结申请：%{ids}。',
      no: '该订单没有其他未结申请。',
    },
    suggestion: {
      title: '建议处理：%{decision}',
      approve: '全额通过',
      approve_partial: '部分通过（未消费部分）',
      reject: '驳回',
      request_info: '补充资料',
    },
    detail: {
      amount: '可退：%{amount}',
      rejection: '原因：%{reason}',
      missing: '需补充：%{items}',
      second_approval: '通过后还需主管二次审批。',
    },
    blockers: {
      title: '除非主管特批，否则不能通过：%{reasons}',
      outside_window: '超出退款时限',
      account_restricted: '账户受限',
    },
  },
};

export default { en, zh };
