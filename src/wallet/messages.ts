// The demo wallet's words (wallet.html and its backend's refusals), in both languages: the
// customer's side of the journey "我的钱包 / 购买记录 → 申请退款". `Catalogue<typeof en>` makes
// TypeScript reject a key missing from (or extra in) the Chinese catalogue.
import type { Catalogue } from '../i18n/messages/types';
import type {
  AccountStatus,
  ComplaintCategory,
  InfoItem,
  PaymentChannel,
  ReasonCategory,
  RejectionReason,
} from '../domain/model';
import type { PublicRefundStatus } from '../domain/refundPublicView';
import type { RatingScore } from '../domain/customerRatings';

const en = {
  title: 'My wallet',
  subtitle: 'Demo wallet: act as a customer of the platform',
  language: 'Language',
  customer: {
    pick: 'Customer',
    search: 'Search customers by name',
    none: 'Pick a customer to see their wallet.',
    account: 'Account: %{status}',
  },
  accountStatus: { normal: 'in good standing', restricted: 'restricted', banned: 'banned' },
  balance: {
    title: 'Coin balance',
    available: 'Available',
    held: 'Held by refund requests: %{coins} coins',
    revoked: 'Taken back by refunds: %{coins} coins',
    coins: '%{coins} coins',
  },
  purchases: {
    title: 'Purchase history',
    empty: 'No purchases.',
    order: 'Order %{orderNumber}',
    detail: '%{coins} coins · %{paid} · %{channel} · bought %{when}',
    spent: 'spent %{spent} of %{coins} coins',
    apply: 'Apply for a refund',
    earlier: 'Earlier request: %{status}',
  },
  channel: { wechat_pay: 'WeChat Pay', alipay: 'Alipay', apple_iap: 'Apple in-app', bank_card: 'bank card' },
  apply: {
    title: 'Apply for a refund: %{orderNumber}',
    reason: 'Reason',
    description: 'Tell us what happened',
    provided: 'What I am providing',
    purchasedAt: 'Include the purchase time',
    submit: 'Submit',
    cancel: 'Cancel',
    sent: 'Your request was sent.',
  },
  reason: {
    mistaken_purchase: 'Bought by mistake',
    service_not_as_promised: 'Not as promised',
    poor_stream_experience: 'Poor stream experience',
    unauthorised_charge: 'I did not make this purchase',
    duplicate_charge: 'Charged twice',
    other: 'Other',
  },
  item: {
    order_number: 'order number',
    purchase_time: 'purchase time',
    reason_detail: 'details of the reason',
    payment_proof: 'proof of payment',
    account_verification: 'account verification',
  },
  requests: {
    title: 'My refund requests',
    empty: 'No refund requests yet.',
    heading: 'Request %{id} · order %{orderNumber}',
    submitted: 'Submitted %{when}',
    expected: 'Decision expected by %{when}',
    missing: 'We still need: %{items}',
    approved: 'Refund approved: %{amount}',
    arrival: 'Money expected by %{when} via %{channel}',
    refunded: 'Refunded on %{when}',
    rejection: 'Reason for rejection: %{reason}',
    resubmissionOf: 'Resubmits request %{id}',
    coinHold: 'Coins %{status}: %{coins}',
    messages: 'Messages',
    noMessages: 'No messages yet.',
    refresh: 'Refresh',
    reply: 'Send the missing information',
    resubmit: 'Resubmit',
    complain: 'Complain',
  },
  status: {
    received: 'Received',
    in_review: 'In review',
    awaiting_info: 'Waiting for your information',
    approved: 'Approved',
    partially_approved: 'Partly approved',
    rejected: 'Rejected',
    refunded: 'Refunded',
  },
  coinHold: { held: 'held', released: 'released', revoked: 'taken back' },
  rejection: {
    outside_window: 'asked for too long after the purchase',
    coins_spent: 'the coins were already spent',
    already_refunded: 'this order was already refunded',
    information_missing: 'information was missing',
    account_restricted: 'the account is restricted',
    duplicate: 'another request for this order exists',
    tipping_policy: 'coins given as tips are not refunded',
    suspected_fraud: 'the account needs checking',
    other: 'other',
  },
  reply: {
    title: 'Send the missing information',
    supplied: 'I am providing',
    message: 'Message',
    submit: 'Send',
  },
  resubmit: {
    title: 'Resubmit with more information',
    description: 'What is new',
    submit: 'Resubmit',
  },
  complain: {
    title: 'Complain about request %{id}',
    category: 'About',
    description: 'What went wrong',
    submit: 'Send complaint',
    sent: 'Your complaint was sent.',
  },
  complaintCategory: {
    disputes_rejection: 'I disagree with the rejection',
    disputes_partial_amount: 'I disagree with the amount',
    refund_late: 'The refund is late',
    payout_not_received: 'The money did not arrive',
    reviewer_conduct: 'How I was treated',
    other: 'Other',
  },
  rating: {
    title: 'How did we do?',
    prompt: 'Rate how we handled this request, from 1 (very poor) to 5 (excellent).',
    score: 'Your rating',
    comment: 'Anything you would like to tell us? (optional)',
    submit: 'Send rating',
    thanks: 'Thank you for your rating.',
    given: 'You rated this %{score}/5',
  },
  score: { 1: 'Very poor', 2: 'Poor', 3: 'OK', 4: 'Good', 5: 'Excellent' },
  inbox: {
    title: 'Notifications',
    empty: 'Nothing yet. Notifications arrive here through the desk’s webhooks.',
    entry: '%{event} · request %{id}',
  },
  event: {
    'refund.received': 'Request received',
    'refund.info_requested': 'Information requested',
    'refund.approved': 'Refund approved',
    'refund.partially_approved': 'Refund partly approved',
    'refund.rejected': 'Request rejected',
    'refund.paid_out': 'Money paid out',
    'complaint.opened': 'Complaint opened',
    'complaint.resolved': 'Complaint resolved',
    'coins.held': 'Coins held',
    'coins.released': 'Coins released',
    'coins.revoked': 'Coins taken back',
    other: 'Update',
  },
  connection: {
    missing: 'The wallet is not connected to the desk yet (it connects itself once the desk is up).',
  },
  errors: {
    unreachable: 'The wallet service cannot be reached. Try again in a moment.',
    failed: 'That did not work (%{status}).',
  },
  refusals: {
    bad_signature: 'The webhook signature is missing, malformed, stale or wrong.',
    bad_event: 'The webhook body is not a desk event.',
    unknown_customer: 'There is no such customer.',
    unknown_request: 'The wallet knows no such request.',
    bad_body: 'The request body must be a JSON object with the fields the form sends.',
    not_connected: 'The wallet is not connected to the desk yet. Try again in a moment.',
    desk_unreachable: 'The desk cannot be reached.',
  },
};

const zh: Catalogue<typeof en> = {
  title: '我的钱包',
  subtitle: '演示钱包：以平台用户的身份操作',
  language: '语言',
  customer: {
    pick: '用户',
    search: '按姓名搜索用户',
    none: '选择一个用户，查看其钱包。',
    account: '账号状态：%{status}',
  },
  accountStatus: { normal: '正常', restricted: '受限', banned: '封禁' },
  balance: {
    title: '金币余额',
    available: '可用',
    held: '退款申请冻结中：%{coins} 金币',
    revoked: '退款已扣回：%{coins} 金币',
    coins: '%{coins} 金币',
  },
  purchases: {
    title: '购买记录',
    empty: '暂无购买记录。',
    order: '订单 %{orderNumber}',
    detail: '%{coins} 金币 · %{paid} · %{channel} · 购买于 %{when}',
    spent: '已使用 %{spent} / %{coins} 金币',
    apply: '申请退款',
    earlier: '此前的申请：%{status}',
  },
  channel: { wechat_pay: '微信支付', alipay: '支付宝', apple_iap: 'Apple 应用内购买', bank_card: '银行卡' },
  apply: {
    title: '申请退款：%{orderNumber}',
    reason: '退款原因',
    description: '请描述发生了什么',
    provided: '我提供的信息',
    purchasedAt: '附上购买时间',
    submit: '提交',
    cancel: '取消',
    sent: '退款申请已提交。',
  },
  reason: {
    mistaken_purchase: '误购',
    service_not_as_promised: '服务与承诺不符',
    poor_stream_experience: '直播体验差',
    unauthorised_charge: '非本人购买',
    duplicate_charge: '重复扣款',
    other: '其他',
  },
  item: {
    order_number: '订单号',
    purchase_time: '购买时间',
    reason_detail: '退款原因说明',
    payment_proof: '付款凭证',
    account_verification: '账号验证',
  },
  requests: {
    title: '我的退款申请',
    empty: '暂无退款申请。',
    heading: '申请 %{id} · 订单 %{orderNumber}',
    submitted: '提交于 %{when}',
    expected: '预计 %{when} 前处理完毕',
    missing: '还需要：%{items}',
    approved: '退款已批准：%{amount}',
    arrival: '预计 %{when} 前通过%{channel}到账',
    refunded: '已于 %{when} 退款',
    rejection: '驳回原因：%{reason}',
    resubmissionOf: '重新提交自申请 %{id}',
    coinHold: '金币%{status}：%{coins}',
    messages: '消息',
    noMessages: '暂无消息。',
    refresh: '刷新',
    reply: '补充材料',
    resubmit: '重新提交',
    complain: '投诉',
  },
  status: {
    received: '已受理',
    in_review: '审核中',
    awaiting_info: '待补充材料',
    approved: '已批准',
    partially_approved: '部分批准',
    rejected: '已驳回',
    refunded: '已退款',
  },
  coinHold: { held: '冻结', released: '已解冻', revoked: '已扣回' },
  rejection: {
    outside_window: '超出可申请期限',
    coins_spent: '金币已使用',
    already_refunded: '该订单已退款',
    information_missing: '材料不全',
    account_restricted: '账号受限',
    duplicate: '该订单已有其他申请',
    tipping_policy: '打赏消耗的金币不予退还',
    suspected_fraud: '账号需要核查',
    other: '其他',
  },
  reply: {
    title: '补充材料',
    supplied: '我提供的信息',
    message: '留言',
    submit: '发送',
  },
  resubmit: {
    title: '补充信息后重新提交',
    description: '补充说明',
    submit: '重新提交',
  },
  complain: {
    title: '投诉申请 %{id}',
    category: '投诉类型',
    description: '遇到了什么问题',
    submit: '提交投诉',
    sent: '投诉已提交。',
  },
  complaintCategory: {
    disputes_rejection: '不认可驳回结果',
    disputes_partial_amount: '不认可退款金额',
    refund_late: '退款太慢',
    payout_not_received: '退款未到账',
    reviewer_conduct: '客服态度',
    other: '其他',
  },
  rating: {
    title: '您对本次处理满意吗？',
    prompt: '请为我们对此申请的处理打分：1 分（很差）到 5 分（非常满意）。',
    score: '您的评分',
    comment: '还有什么想告诉我们的吗？（选填）',
    submit: '提交评价',
    thanks: '感谢您的评价。',
    given: '您的评分：%{score}/5',
  },
  score: { 1: '很差', 2: '较差', 3: '一般', 4: '满意', 5: '非常满意' },
  inbox: {
    title: '通知',
    empty: '暂无通知。通知通过退款工作台的 Webhook 送达。',
    entry: '%{event} · 申请 %{id}',
  },
  event: {
    'refund.received': '申请已受理',
    'refund.info_requested': '需要补充材料',
    'refund.approved': '退款已批准',
    'refund.partially_approved': '退款部分批准',
    'refund.rejected': '申请被驳回',
    'refund.paid_out': '退款已打款',
    'complaint.opened': '投诉已受理',
    'complaint.resolved': '投诉已处理',
    'coins.held': '金币已冻结',
    'coins.released': '金币已解冻',
    'coins.revoked': '金币已扣回',
    other: '更新',
  },
  connection: {
    missing: '钱包尚未连接到退款工作台（工作台启动后会自动连接）。',
  },
  errors: {
    unreachable: '无法连接钱包服务，请稍后再试。',
    failed: '操作未成功（%{status}）。',
  },
  refusals: {
    bad_signature: 'Webhook 签名缺失、格式错误、已过期或不正确。',
    bad_event: 'Webhook 内容不是退款工作台的事件。',
    unknown_customer: '没有这个用户。',
    unknown_request: '钱包中没有这个申请。',
    bad_body: '请求内容必须是包含表单字段的 JSON 对象。',
    not_connected: '钱包尚未连接到退款工作台，请稍后再试。',
    desk_unreachable: '无法连接退款工作台。',
  },
};

// a label for every value of the domain's lists (a missing one is a type error); the page takes
// its choices from these keys, so it loads none of the desk's code (vite.config.ts: its own chunk)
const labels: {
  reason: Record<ReasonCategory, string>;
  item: Record<InfoItem, string>;
  complaintCategory: Record<ComplaintCategory, string>;
  status: Record<PublicRefundStatus, string>;
  rejection: Record<RejectionReason, string>;
  channel: Record<PaymentChannel, string>;
  accountStatus: Record<AccountStatus, string>;
  score: Record<RatingScore, string>;
} = en;

export const WALLET_REASONS = Object.keys(labels.reason) as ReasonCategory[];
export const WALLET_INFO_ITEMS = Object.keys(labels.item) as InfoItem[];
export const WALLET_COMPLAINT_CATEGORIES = Object.keys(labels.complaintCategory) as ComplaintCategory[];
export const WALLET_SCORES = Object.keys(labels.score).map(Number) as RatingScore[];

export type WalletMessages = typeof en;
export type WalletRefusal = keyof WalletMessages['refusals'];

export const walletCatalogues = { en, 'zh-CN': zh } as const;
