// Demo internal notes, added through the same service as POST /api/refunds/:id/notes (so each has
// its note_added audit event): the reviewer's explanation behind a rejection for "other" reasons
// (whose internal note says "See internal note."), and colleagues' remarks on some requests.
import type { AuditEvent, Locale, RefundRequest, RefundStatus } from '../../src/domain/model';
import { addRefundNote } from '../noteService';
import type { Rng } from './random';
import type { SeedWorld } from './world';

type Texts = Record<Locale, readonly string[]>;

const REJECTION_NOTES: Texts = {
  'zh-CN': ['客户在电话中承认已使用该服务，拒绝退款。', '订单信息与支付记录不符，已与支付团队确认。'],
  en: [
    'The customer admitted on the phone that they used the service.',
    'The order does not match the payment record; confirmed with the payments team.',
  ],
};

const REMARKS: Texts = {
  'zh-CN': ['客户也打过电话，说法一致。', '同一客户上周有类似申请，请留意。', '已核对支付截图，金额无误。'],
  en: [
    'The customer also phoned about this; same story.',
    'Same customer asked for a similar refund last week: worth a look.',
    'Checked the payment screenshot; the amount matches.',
  ],
};

const MINUTE_MS = 60_000;

export async function seedNotes(
  world: SeedWorld,
  rng: Rng,
  nowMs: number,
  staff: readonly { id: string }[],
): Promise<void> {
  const requests: RefundRequest[] = [...world.all('refunds')];
  const history = new Map<string, AuditEvent[]>();
  for (const e of world.all('events')) {
    if (e.subject !== 'refund') continue;
    const list = history.get(e.refundId);
    if (list) list.push(e);
    else history.set(e.refundId, [e]);
  }
  // the request's status when the note was written, for its audit event
  const statusAt = (r: RefundRequest, atMs: number): RefundStatus => {
    let status: RefundStatus = 'pending';
    for (const e of history.get(r.id) ?? []) {
      if (Date.parse(e.at) <= atMs && e.statusAfter) status = e.statusAfter as RefundStatus;
    }
    return status;
  };
  const add = (r: RefundRequest, text: string, authorId: string, atMs: number) =>
    addRefundNote(
      world,
      { id: r.id, status: statusAt(r, atMs) },
      text,
      authorId,
      new Date(atMs).toISOString(),
    );

  for (const r of requests) {
    const say = (texts: Texts) => rng.pick(texts[r.customerLocale]);
    const decision = r.decision;
    if (decision?.action === 'reject' && decision.reasonCode === 'other') {
      await add(r, say(REJECTION_NOTES), decision.by, Date.parse(decision.at) - MINUTE_MS);
    }
    if (!rng.chance(0.06)) continue;
    // a colleague's remark some time after submission, whoever holds the request
    const atMs = Date.parse(r.submittedAt) + rng.int(10, 600) * MINUTE_MS;
    if (atMs > nowMs) continue;
    await add(r, say(REMARKS), rng.pick(staff.filter((s) => s.id !== r.assigneeId)).id, atMs);
  }
}
