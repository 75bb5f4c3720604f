// The facts of an audit event beyond its action, actor, status and amount, as short translated
// lines: a refund event's (reason, items, four eyes, assignees, blockers) or a complaint event's
// (assignee, awaiting the customer, goodwill, four eyes, new due time).
import type { useTranslate } from 'react-admin';
import type { AuditEvent } from '../domain/model';
import { formatDateTime, formatInteger } from '../i18n/format';

type Translate = ReturnType<typeof useTranslate>;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function complaintDetails(
  event: AuditEvent,
  translate: Translate,
  nameOf: (id: string | null | undefined) => string | null,
  locale: string,
): string[] {
  const d = event.details ?? {};
  const lines: string[] = [];
  if (event.action === 'assign' && typeof d.assigneeId === 'string') {
    lines.push(translate('complaints.timeline.assigned_to', { name: nameOf(d.assigneeId) ?? d.assigneeId }));
  }
  if (event.action === 'contact' && d.awaitingReply === true) {
    lines.push(translate('complaints.timeline.awaiting_reply'));
  }
  if (typeof d.goodwillCoins === 'number') {
    lines.push(translate('complaints.timeline.goodwill', { coins: formatInteger(d.goodwillCoins, locale) }));
  }
  if (d.pendingSecondApproval === true) lines.push(translate('complaints.timeline.pending_second_approval'));
  if (event.action === 'second_approval' && (d.decision === 'confirm' || d.decision === 'send_back')) {
    lines.push(translate(`complaints.timeline.second_approval.${d.decision}`));
  }
  if ((event.action === 'escalate' || event.action === 'auto_escalate') && typeof d.dueAt === 'string') {
    lines.push(translate('complaints.timeline.due', { date: formatDateTime(d.dueAt, locale) }));
  }
  return lines;
}

/** The facts of an event beyond status and amount, as short translated lines. */
export function eventDetails(
  event: AuditEvent,
  translate: Translate,
  nameOf: (id: string | null | undefined) => string | null,
  locale: string,
): string[] {
  if (event.subject === 'complaint') return complaintDetails(event, translate, nameOf, locale);
  const d = event.details ?? {};
  const lines: string[] = [];
  const items = (value: unknown) =>
    stringList(value)
      .map((item) => translate(`refunds.infoItem.${item}`, { _: item }))
      .join(', ');
  if (typeof d.reasonCode === 'string') {
    lines.push(
      translate('refunds.history.detail.reason', {
        reason: translate(`refunds.rejectionReason.${d.reasonCode}`, { _: d.reasonCode }),
      }),
    );
  }
  if (stringList(d.missingItems).length > 0 && event.action !== 'customer_reply') {
    lines.push(translate('refunds.history.detail.missing', { items: items(d.missingItems) }));
  }
  if (event.action === 'customer_reply') {
    const supplied = stringList(d.suppliedItems);
    lines.push(
      supplied.length > 0
        ? translate('refunds.history.detail.supplied', { items: items(supplied) })
        : translate('refunds.history.detail.supplied_none'),
    );
  }
  if (d.partial === true) lines.push(translate('refunds.history.detail.partial'));
  if (d.secondApprovalRequired === true) lines.push(translate('refunds.history.detail.second_required'));
  if (d.decision === 'confirm' || d.decision === 'send_back') {
    lines.push(translate(`refunds.history.detail.second_${d.decision}`));
  }
  if (d.againstSuggestion === true && typeof d.suggestion === 'string') {
    lines.push(
      translate('refunds.history.detail.against', {
        suggestion: translate(`policy.suggestion.${d.suggestion}`, { _: d.suggestion }),
      }),
    );
  }
  if (typeof d.againstSuggestionReason === 'string' && d.againstSuggestionReason) {
    lines.push(translate('refunds.history.detail.against_reason', { reason: d.againstSuggestionReason }));
  }
  if (['claim', 'release', 'reassign'].includes(event.action) && 'previousAssigneeId' in d) {
    const from = typeof d.previousAssigneeId === 'string' ? nameOf(d.previousAssigneeId) : null;
    const to = typeof d.assigneeId === 'string' ? nameOf(d.assigneeId) : null;
    if (event.action === 'reassign') {
      lines.push(
        translate('refunds.history.detail.reassigned', {
          from: from ?? translate('common.unassigned'),
          to: to ?? translate('common.unassigned'),
        }),
      );
    } else if (from && event.actorId !== d.previousAssigneeId) {
      lines.push(translate('refunds.history.detail.previous_assignee', { name: from }));
    }
  }
  if (stringList(d.blockers).length > 0) {
    lines.push(
      translate('refunds.history.detail.blockers', {
        reasons: stringList(d.blockers)
          .map((b) => translate(`policy.blockers.${b}`, { _: b }))
          .join(', '),
      }),
    );
  }
  if (d.topUp === true) lines.push(translate('refunds.history.detail.top_up'));
  if (typeof d.complaintId === 'string') {
    lines.push(translate('refunds.history.detail.complaint', { id: d.complaintId }));
  }
  return lines;
}
