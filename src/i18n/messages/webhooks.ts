// Webhooks (admin): endpoints and deliveries. Event names nest by their dots (refund.received).
import type { Catalogue } from './types';

const en = {
  resources: {
    'webhook-endpoints': {
      name: 'Webhook endpoint |||| Webhook endpoints',
      fields: { url: 'URL', events: 'Events', active: 'Active', createdAt: 'Created' },
    },
    'webhook-deliveries': {
      name: 'Webhook delivery |||| Webhook deliveries',
      fields: {
        createdAt: 'Event time',
        type: 'Event',
        refundId: 'Request',
        endpointId: 'Endpoint',
        status: 'Status',
        attempts: 'Attempts',
        lastError: 'Last answer',
      },
    },
  },
  webhooks: {
    events: {
      all: 'All events',
      refund: {
        received: 'Request received',
        info_requested: 'Information requested',
        approved: 'Approved',
        partially_approved: 'Partly approved',
        rejected: 'Rejected',
        paid_out: 'Paid out',
      },
      complaint: { opened: 'Complaint opened', resolved: 'Complaint resolved' },
      coins: { held: 'Coins held', released: 'Coins released', revoked: 'Coins revoked' },
    },
    status: { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' },
    create: {
      open: 'Add endpoint',
      title: 'New webhook endpoint',
      url: 'URL (http or https)',
      events: 'Events to send',
      submit: 'Create',
      urlInvalid: 'Enter an absolute http(s) URL without user name or password.',
      eventsRequired: 'Choose at least one event, or all events.',
      secret: 'Signing secret',
      secretOnce:
        'Copy this secret now: it signs every delivery (Refund-Desk-Signature) and is never shown again.',
      done: 'I have copied it',
    },
    endpoints: {
      disable: 'Disable',
      disableTitle: 'Disable this endpoint?',
      disableContent: 'Nothing more is sent to it. Its deliveries stay listed.',
      emptyTitle: 'No webhook endpoints',
      emptyHint: 'Add one to tell a platform about every customer-visible change.',
    },
    deliveries: {
      redeliver: 'Redeliver',
      redelivered: 'The delivery will be sent again.',
      emptyTitle: 'No webhook deliveries',
      emptyHint: 'Deliveries appear here once an endpoint is registered and requests change.',
    },
  },
};

const zh: Catalogue<typeof en> = {
  resources: {
    'webhook-endpoints': {
      name: 'Webhook 端点',
      fields: { url: '地址', events: '事件', active: '启用', createdAt: '创建时间' },
    },
    'webhook-deliveries': {
      name: 'Webhook 投递',
      fields: {
        createdAt: '事件时间',
        type: '事件',
        refundId: '退款申请',
        endpointId: '端点',
        status: '状态',
        attempts: '尝试次数',
        lastError: '最近响应',
      },
    },
  },
  webhooks: {
    events: {
      all: '全部事件',
      refund: {
        received: '已收到申请',
        info_requested: '需补充资料',
        approved: '已批准',
        partially_approved: '部分批准',
        rejected: '已驳回',
        paid_out: '已退款到账',
      },
      complaint: { opened: '投诉已创建', resolved: '投诉已处理' },
      coins: { held: '金币已冻结', released: '金币已解冻', revoked: '金币已扣回' },
    },
    status: { pending: '待投递', delivered: '已投递', failed: '失败' },
    create: {
      open: '添加端点',
      title: '新建 Webhook 端点',
      url: '地址（http 或 https）',
      events: '要发送的事件',
      submit: '创建',
      urlInvalid: '请输入完整的 http(s) 地址，且不能包含用户名或密码。',
      eventsRequired: '请至少选择一个事件，或选择全部事件。',
      secret: '签名密钥',
      secretOnce: '请立即复制此密钥：它用于签名每次投递（Refund-Desk-Signature），之后不会再显示。',
      done: '我已复制',
    },
    endpoints: {
      disable: '停用',
      disableTitle: '停用此端点？',
      disableContent: '之后不再向它发送任何内容，已有的投递记录仍会保留。',
      emptyTitle: '暂无 Webhook 端点',
      emptyHint: '添加端点后，平台即可收到每一次客户可见的变更。',
    },
    deliveries: {
      redeliver: '重新投递',
      redelivered: '该投递将重新发送。',
      emptyTitle: '暂无 Webhook 投递',
      emptyHint: '注册端点并有退款申请变更后，投递记录会显示在这里。',
    },
  },
};

export default { en, zh };
