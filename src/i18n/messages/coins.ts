// The coins held for a request and their ledger (the request page's coins panel).
import type { Catalogue } from './types';

const en = {
  resources: {
    'coin-movements': {
      name: 'Coin movement |||| Coin movements',
      fields: {
        id: 'ID',
        refundId: 'Request',
        orderId: 'Order',
        customerId: 'Customer',
        kind: 'Movement',
        coins: 'Coins',
        actorId: 'By',
        reason: 'Why',
        at: 'When',
      },
    },
  },
  coins: {
    panel: {
      title: 'Coins held',
      coins: '%{coins} coins',
      partly_revoked: '%{coins} coins: %{revoked} revoked, %{released} released',
      no_hold: 'No coins were held for this request (it came in before coins were held).',
      empty: 'No coin has moved for this request.',
      system: 'Refund Desk',
    },
    hold_status: { held: 'Held', released: 'Released', revoked: 'Revoked' },
    kind: { held: 'Held', released: 'Released', revoked: 'Revoked' },
    reason: {
      request_received: 'Request received',
      rejected: 'Rejected',
      info_timeout: 'Information not received in time',
      withdrawn: 'Withdrawn by the customer',
      cancelled: 'Cancelled',
      approved: 'Approved',
      partially_approved: 'Partially approved',
    },
    columns: { at: 'When', kind: 'Movement', coins: 'Coins', reason: 'Why', actor: 'By' },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    'coin-movements': {
      name: '金币变动',
      fields: {
        id: 'ID',
        refundId: '申请',
        orderId: '订单',
        customerId: '客户',
        kind: '变动',
        coins: '金币',
        actorId: '操作人',
        reason: '原因',
        at: '时间',
      },
    },
  },
  coins: {
    panel: {
      title: '冻结金币',
      coins: '%{coins} 金币',
      partly_revoked: '%{coins} 金币：收回 %{revoked}，解冻 %{released}',
      no_hold: '该申请未冻结金币（提交于金币冻结功能上线之前）。',
      empty: '该申请暂无金币变动。',
      system: '退款工作台',
    },
    hold_status: { held: '已冻结', released: '已解冻', revoked: '已收回' },
    kind: { held: '冻结', released: '解冻', revoked: '收回' },
    reason: {
      request_received: '收到退款申请',
      rejected: '已驳回',
      info_timeout: '未按时补充资料',
      withdrawn: '客户撤回',
      cancelled: '已取消',
      approved: '已通过',
      partially_approved: '部分通过',
    },
    columns: { at: '时间', kind: '变动', coins: '金币', reason: '原因', actor: '操作人' },
  },
};

export default { en, zh };
