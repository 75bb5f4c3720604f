// What the demo's complaints say (complaints.ts): in the customer's language for what the customer
// says and reads; internal notes follow it too.
import type { ComplaintCategory, ComplaintOutcome, Locale } from '../../src/domain/model';

export type Texts = Record<Locale, string[]>;

export const DESCRIPTIONS: Record<ComplaintCategory, Texts> = {
  disputes_rejection: {
    'zh-CN': [
      '我在 7 天内就联系过客服，为什么还是驳回？',
      '驳回理由不成立，这些金币我根本没有用过。',
      '不认可驳回结果，请重新审核。',
    ],
    en: [
      'I contacted support within 7 days, why was my refund rejected?',
      'The rejection reason is wrong: I never used these coins.',
      'I do not accept the rejection; please review it again.',
    ],
  },
  disputes_partial_amount: {
    'zh-CN': ['只退了一部分，剩下的金币也没有使用。', '退款金额不对，应该全额退款。'],
    en: ['Only part was refunded; the rest of the coins were never used.', 'The refunded amount is wrong.'],
  },
  refund_late: {
    'zh-CN': ['退款处理太慢了，等了好几天。', '说好的处理时限已经过了。'],
    en: ['The refund took far too long.', 'The promised handling time has passed.'],
  },
  payout_not_received: {
    'zh-CN': ['显示已退款，但是钱一直没有到账。', '退款到账时间已过，银行卡没有收到。'],
    en: [
      'It says refunded but the money never arrived.',
      'The arrival time has passed and my card got nothing.',
    ],
  },
  reviewer_conduct: {
    'zh-CN': ['审核人员的回复很敷衍，没有看我的材料。', '客服态度很差。'],
    en: ['The reviewer did not look at my evidence.', 'The agent was rude to me.'],
  },
  other: {
    'zh-CN': ['对处理结果不满意，要求说明。', '希望有人联系我解释一下。'],
    en: ['I am not satisfied and want an explanation.', 'Please have someone call me to explain.'],
  },
};

export const NOTES: Texts = {
  'zh-CN': ['已调取订单记录和聊天记录。', '核对了支付流水，与客户描述一致。', '查看了审核员的处理记录。'],
  en: [
    'Pulled the order and chat history.',
    'Checked the payment records; they match.',
    "Read the reviewer's notes.",
  ],
};
export const CONTACTS: Texts = {
  'zh-CN': ['电话联系客户，说明处理进度。', '在线回复客户，确认了问题细节。'],
  en: ['Called the customer to explain where things stand.', 'Replied in chat and confirmed the details.'],
};
export const AWAITING: Texts = {
  'zh-CN': ['请客户提供付款截图，等待回复。', '请客户补充与客服的聊天记录。'],
  en: ['Asked the customer for a payment screenshot.', 'Asked the customer for the chat transcript.'],
};
export const ESCALATIONS: Texts = {
  'zh-CN': ['客户表示将向监管部门投诉，升级处理。', '涉及审核员操作规范，需高级主管处理。'],
  en: [
    'The customer threatens to go to the regulator.',
    "Concerns the reviewer's conduct: senior review needed.",
  ],
};
export const MESSAGES: Record<ComplaintOutcome, Texts> = {
  upheld: {
    'zh-CN': ['经复核，原审核决定符合退款规则，维持原决定。感谢您的理解。'],
    en: [
      'We reviewed the decision again: it follows our refund policy, so it stands. Thank you for your patience.',
    ],
  },
  overturned: {
    'zh-CN': ['经复核，我们推翻原决定，为您全额退款，款项将原路退回。'],
    en: [
      'We reviewed the decision and overturned it: you will receive a full refund to your original payment method.',
    ],
  },
  partially_overturned: {
    'zh-CN': ['经复核，我们调整了原决定，为您退还部分款项，款项将原路退回。'],
    en: ['We reviewed the decision and refund part of the amount to your original payment method.'],
  },
  goodwill: {
    'zh-CN': ['原决定维持不变，为表歉意，我们向您的账户补偿了金币。'],
    en: ['The decision stands, but we have credited coins to your account as a goodwill gesture.'],
  },
};
export const CLOSE_NOTES: Texts = {
  'zh-CN': ['客户确认无异议，结案。'],
  en: ['The customer confirmed; closing.'],
};
export const REOPEN_NOTES: Texts = {
  'zh-CN': ['客户提供了新的付款凭证，重新处理。'],
  en: ['The customer sent new proof of payment; reopening.'],
};
