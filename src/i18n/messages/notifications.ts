// The app bar's bell: its button, its list, and each notification's text by kind
// (src/domain/notifications.ts NOTIFICATION_KINDS), rendered with the notification's params
// (dates already formatted in the reader's language and time zone).
import type { Catalogue } from './types';

const en = {
  notifications: {
    bell: 'Notifications',
    bell_unread: 'Notifications, %{smart_count} unread',
    title: 'Notifications',
    empty: 'Nothing to tell you yet.',
    failed: 'The notifications could not be loaded.',
    unread: 'Unread',
    mark_all_read: 'Mark all read',
    kinds: {
      held_request_due: 'Request %{orderNumber}, which you hold, is due at %{dueAt}',
      complaint_about_decision: 'A complaint was opened about your decision on request %{orderNumber}',
      second_approval_waiting:
        'Request %{orderNumber} has waited for a second approval past its target (due %{dueAt})',
      complaint_escalated: 'The complaint about request %{orderNumber} was escalated to level %{level}',
      complaint_overdue: 'The escalated complaint about request %{orderNumber} is overdue (due %{dueAt})',
      breach_forecast:
        'At the current pace %{count} requests will miss their SLA due time within the hour (%{dueWithinHour} due, about %{perHour} decided an hour)',
    },
  },
};

const zh: Catalogue<typeof en> = {
  notifications: {
    bell: '通知',
    bell_unread: '通知，%{smart_count} 条未读',
    title: '通知',
    empty: '暂无通知。',
    failed: '通知加载失败。',
    unread: '未读',
    mark_all_read: '全部标为已读',
    kinds: {
      held_request_due: '你处理中的退款申请 %{orderNumber} 将于 %{dueAt} 到达处理时限',
      complaint_about_decision: '客户对你就退款申请 %{orderNumber} 作出的决定提出了投诉',
      second_approval_waiting: '退款申请 %{orderNumber} 等待二次审批已超过目标时间（时限 %{dueAt}）',
      complaint_escalated: '关于退款申请 %{orderNumber} 的投诉已升级至 %{level} 级',
      complaint_overdue: '关于退款申请 %{orderNumber} 的升级投诉已超时（时限 %{dueAt}）',
      breach_forecast:
        '按当前处理速度，一小时内将有 %{count} 条退款申请超出处理时限（%{dueWithinHour} 条即将到期，每小时约处理 %{perHour} 条）',
    },
  },
};

export default { en, zh };
