// Customer-facing message templates in both locales. The reviewer starts from these and may edit
// them before sending; every rejection tells the customer what they can do next.
import { INFO_ITEMS, type InfoItem, type IsoDateTime, type Locale, type RejectionReason } from './model';
import type { RefundableLimit } from './refundPolicy';
import { DAY_MS, INFO_TIMEOUT_MS, REFUND_WINDOW_MS } from './sla';

const WINDOW_DAYS = REFUND_WINDOW_MS / DAY_MS;
const INFO_DAYS = INFO_TIMEOUT_MS / DAY_MS;

// money formatting lives in ./money (a leaf: the refusal catalogue uses it too); re-exported here
export { fenToYuan, formatYuan } from './money';

/** Customers are served in China: arrival times are written in Beijing time (UTC+8, no DST). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An ISO time as the customer reads it in a message, in Beijing time:
 * zh-CN "2025年6月2日 18:10（北京时间）", en "2 Jun 2025, 18:10 (Beijing time)".
 */
export function formatArrival(iso: IsoDateTime, locale: Locale): string {
  const d = new Date(Date.parse(iso) + BEIJING_OFFSET_MS);
  const hhmm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (locale === 'zh-CN') {
    return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hhmm}（北京时间）`;
  }
  return `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hhmm} (Beijing time)`;
}

/** What a message may say about other requests on the same order and the coins spent. */
export interface RefundableFacts {
  /** the other requests on the order that already hold its money (refunded, approved or being paid) */
  heldByRequestIds?: readonly string[];
  /** some of the order's coins were spent on tips or content */
  someCoinsSpent?: boolean;
}

type Templates<K extends string> = Record<
  Locale,
  Record<K, (orderNumber: string, facts: RefundableFacts) => string>
>;

/** "your request R-12" / "您的退款申请 R-12", or the order's other requests when they are not named. */
function heldByPhrase(locale: Locale, ids: readonly string[] | undefined): string {
  if (!ids || ids.length === 0)
    return locale === 'zh-CN' ? '该订单的其他退款申请' : 'another request for this order';
  return locale === 'zh-CN'
    ? `您的退款申请 ${ids.join('、')}`
    : `your ${ids.length === 1 ? 'request' : 'requests'} ${ids.join(', ')}`;
}

const REJECTION_TEMPLATES: Templates<RejectionReason> = {
  'zh-CN': {
    outside_window: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请未能通过审核：该订单的购买时间已超过 ${WINDOW_DAYS} 天退款时限。` +
      `如果您认为购买时间有误，请附上付款凭证重新提交退款申请；如对处理结果有异议，也可以联系客服发起投诉。`,
    coins_spent: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请未能通过审核：该订单购买的金币已全部使用（用于打赏或购买内容），已使用的金币无法退款。` +
      `如果这些金币并非您本人使用，请完成账户核实后重新提交退款申请；如对处理结果有异议，也可以联系客服发起投诉。`,
    already_refunded: (o, f) =>
      `您好，您就订单号 ${o} 提交的退款申请未能通过审核：该订单可退款的部分已通过${heldByPhrase('zh-CN', f.heldByRequestIds)}退款或正在退款中` +
      (f.someCoinsSpent
        ? '，其余金币已使用（用于打赏或购买内容），已使用的金币无法退款。'
        : '，同一订单只能退款一次。') +
      `您无需再次提交；如对处理结果有异议，可以联系客服发起投诉。`,
    information_missing: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请因缺少必要资料，且我们未收到您的补充资料，已被驳回。` +
      `请准备好订单号、购买时间和退款原因后重新提交退款申请；如有疑问，也可以联系客服发起投诉。`,
    account_restricted: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请暂时无法通过：您的账户目前处于受限状态。` +
      `请先联系客服完成账户核实，核实后可重新提交退款申请；如对处理结果有异议，也可以发起投诉。`,
    duplicate: (o) =>
      `您好，订单号 ${o} 已有一笔正在处理中的退款申请，本次申请作为重复申请已被驳回，原申请不受影响。` +
      `您无需再次提交，原申请处理完成后我们会通知您；如对处理进度有疑问，可以联系客服发起投诉。`,
    tipping_policy: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请未能通过审核：该订单的金币已用于打赏主播，根据平台规则，打赏消费的金币不支持退款。` +
      `如果打赏并非您本人操作，请完成账户核实后重新提交退款申请；如对处理结果有异议，也可以联系客服发起投诉。`,
    suspected_fraud: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请存在异常，暂时无法通过审核。` +
      `请联系客服核实您的身份和付款信息，核实后可重新提交退款申请；如对处理结果有异议，也可以发起投诉。`,
    other: (o) =>
      `您好，您就订单号 ${o} 提交的退款申请未能通过审核。` +
      `如果您能提供更多说明或付款凭证，可以补充后重新提交退款申请；如对处理结果有异议，也可以联系客服发起投诉。`,
  },
  en: {
    outside_window: (o) =>
      `Hello, we could not approve your refund request for order ${o}: the purchase was made more than ${WINDOW_DAYS} days ago, outside the refund window. ` +
      `If you believe the purchase time is wrong, please resubmit your request with proof of payment; if you disagree with this decision, you can file a complaint with customer service.`,
    coins_spent: (o) =>
      `Hello, we could not approve your refund request for order ${o}: all the coins bought with this order have been spent (on tips or content), and spent coins cannot be refunded. ` +
      `If you did not spend these coins yourself, please verify your account and resubmit your request; if you disagree with this decision, you can file a complaint with customer service.`,
    already_refunded: (o, f) =>
      `Hello, we could not approve your refund request for order ${o}: the refundable part of this order has already been refunded, or is being refunded, through ${heldByPhrase('en', f.heldByRequestIds)}` +
      (f.someCoinsSpent
        ? ', and the other coins were spent (on tips or content), which cannot be refunded. '
        : ', and an order is refunded only once. ') +
      `You do not need to submit again; if you disagree with this decision, you can file a complaint with customer service.`,
    information_missing: (o) =>
      `Hello, your refund request for order ${o} has been rejected because information we need was missing and we did not receive it from you. ` +
      `Please resubmit your request with the order number, the purchase time and the reason for the refund; if you have questions, you can contact customer service or file a complaint.`,
    account_restricted: (o) =>
      `Hello, we cannot approve your refund request for order ${o} at the moment: your account is currently restricted. ` +
      `Please contact customer service to verify your account, then resubmit your request; if you disagree with this decision, you can file a complaint.`,
    duplicate: (o) =>
      `Hello, there is already a refund request in progress for order ${o}, so this one has been closed as a duplicate; your first request is not affected. ` +
      `You do not need to submit again: we will let you know when the first request is decided. If you have questions about its progress, you can contact customer service or file a complaint.`,
    tipping_policy: (o) =>
      `Hello, we could not approve your refund request for order ${o}: the coins were spent on tips to streamers, and under the platform's rules tips cannot be refunded. ` +
      `If you did not send these tips yourself, please verify your account and resubmit your request; if you disagree with this decision, you can file a complaint with customer service.`,
    suspected_fraud: (o) =>
      `Hello, we could not approve your refund request for order ${o} because some details could not be confirmed. ` +
      `Please contact customer service to verify your identity and payment, then resubmit your request; if you disagree with this decision, you can file a complaint.`,
    other: (o) =>
      `Hello, we could not approve your refund request for order ${o}. ` +
      `If you can give us more details or proof of payment, please resubmit your request with them; if you disagree with this decision, you can file a complaint with customer service.`,
  },
};

/** The wording of each information item, as the customer reads it. */
export const INFO_ITEM_LABELS: Record<Locale, Record<InfoItem, string>> = {
  'zh-CN': {
    order_number: '订单号',
    purchase_time: '购买时间（日期和大致时间）',
    reason_detail: '退款原因的详细说明',
    payment_proof: '付款凭证（如支付记录截图）',
    account_verification: '账户核实信息（用于确认是您本人操作）',
  },
  en: {
    order_number: 'the order number',
    purchase_time: 'the purchase time (date and approximate time)',
    reason_detail: 'a detailed reason for the refund',
    payment_proof: 'proof of payment (for example a screenshot of the payment record)',
    account_verification: 'account verification (to confirm you made the purchase)',
  },
};

/** The rejection message for a reason code; it always says what the customer can do next. */
export function rejectionTemplate(
  reason: RejectionReason,
  locale: Locale,
  vars: { orderNumber: string } & RefundableFacts,
): string {
  return REJECTION_TEMPLATES[locale][reason](vars.orderNumber, vars);
}

/** Asks the customer for the missing items (listed once each, in a stable order). */
export function infoRequestTemplate(
  items: InfoItem[],
  locale: Locale,
  vars: { orderNumber: string },
): string {
  const wanted = INFO_ITEMS.filter((item) => items.includes(item));
  const labels = wanted.map((item) => INFO_ITEM_LABELS[locale][item]);
  const o = vars.orderNumber;
  if (locale === 'zh-CN') {
    const list =
      labels.length > 0
        ? labels.map((label, i) => `${i + 1}. ${label}`).join('\n')
        : '1. 与本次退款相关的资料';
    return (
      `您好，您就订单号 ${o} 提交的退款申请需要补充资料后才能继续审核。请在 ${INFO_DAYS} 天内补充以下资料：\n` +
      `${list}\n` +
      `收到您的补充资料后，我们会尽快完成审核。如逾期未补充，退款申请将被驳回，您可以在补齐资料后重新提交。`
    );
  }
  const list =
    labels.length > 0
      ? labels.map((label, i) => `${i + 1}. ${capitalise(label)}`).join('\n')
      : '1. Any details that support your request';
  return (
    `Hello, we need more information before we can review your refund request for order ${o}. ` +
    `Please send us the following within ${INFO_DAYS} days:\n` +
    `${list}\n` +
    `We will continue the review as soon as we receive it. If we do not hear from you in time, the request will be rejected and you can resubmit it with the missing information.`
  );
}

/** Why a partial approval returns less than was paid, in the customer's words. */
function partialCause(locale: Locale, limit: RefundableLimit, heldBy: readonly string[] | undefined): string {
  const held = heldByPhrase(locale, heldBy);
  if (locale === 'zh-CN') {
    switch (limit) {
      case 'spent':
        return '已使用的金币无法退款，未使用部分对应的';
      case 'held':
        return `该订单的部分金额已通过${held}退款或正在退款中，剩余的`;
      case 'spent_and_held':
        return `已使用的金币无法退款，未使用部分对应的金额中有一部分已通过${held}退款或正在退款中，剩余的`;
      case 'none':
        return '';
    }
  }
  switch (limit) {
    case 'spent':
      return 'spent coins cannot be refunded, so';
    case 'held':
      return `part of this order has already been refunded, or is being refunded, through ${held}, so the remaining`;
    case 'spent_and_held':
      return `spent coins cannot be refunded, and part of the unspent coins' price has already been refunded, or is being refunded, through ${held}, so the remaining`;
    case 'none':
      return '';
  }
}

/**
 * Tells the customer the refund was approved. `amountYuan` is the amount in yuan ("128.00", see
 * fenToYuan); `expectedArrival` is already formatted for the customer (date and time in their zone).
 * A partial approval says why the amount is less: `limit` (the policy's refundableLimit; spent
 * coins when not given) and the other requests on the order that hold the rest.
 */
export function approvalTemplate(
  locale: Locale,
  vars: {
    orderNumber: string;
    amountYuan: string;
    partial: boolean;
    expectedArrival: string;
    limit?: RefundableLimit;
    heldByRequestIds?: readonly string[];
  },
): string {
  const amount = `¥${vars.amountYuan.replace(/^\s*¥\s*/, '')}`;
  const o = vars.orderNumber;
  const cause = partialCause(locale, vars.limit ?? 'spent', vars.heldByRequestIds);
  if (locale === 'zh-CN') {
    return vars.partial
      ? `您好，您就订单号 ${o} 提交的退款申请已部分通过：${cause ? `${cause} ` : ''}${amount} 将原路退回，预计在 ${vars.expectedArrival} 前退款到账。` +
          `如对退款金额有异议，可以联系客服发起投诉。`
      : `您好，您就订单号 ${o} 提交的退款申请已审核通过，${amount} 将原路退回，预计在 ${vars.expectedArrival} 前退款到账。` +
          `如届时仍未到账，请联系客服。`;
  }
  const forWhat = vars.limit === undefined || vars.limit === 'spent' ? ' for the unspent coins' : '';
  return vars.partial
    ? `Hello, your refund request for order ${o} has been partly approved: ${cause ? `${cause} ` : ''}${amount}${forWhat} will be returned to your original payment method, expected by ${vars.expectedArrival}. ` +
        `If you disagree with the amount, you can file a complaint with customer service.`
    : `Hello, your refund request for order ${o} has been approved: ${amount} will be returned to your original payment method, expected by ${vars.expectedArrival}. ` +
        `If it has not arrived by then, please contact customer service.`;
}

/**
 * Tells the customer their request was received and when a decision can be expected
 * (expectedDecision.ts), already formatted for them (formatArrival).
 */
export function acknowledgementTemplate(
  locale: Locale,
  vars: { orderNumber: string; expectedDecisionBy: string },
): string {
  const o = vars.orderNumber;
  if (locale === 'zh-CN') {
    return (
      `您好，我们已收到您就订单号 ${o} 提交的退款申请，预计审核完成时间为 ${vars.expectedDecisionBy}。` +
      `该时间根据当前排队的申请和审核进度估算，审核完成后我们会第一时间通知您。`
    );
  }
  return (
    `Hello, we have received your refund request for order ${o}. We expect to decide it by ${vars.expectedDecisionBy}. ` +
    `This estimate is based on the requests ahead of yours and the desk's current pace; we will let you know as soon as it is decided.`
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
