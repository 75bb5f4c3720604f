// The platform's writes, one transaction each: a new request (intake) or a resubmission, written with
// its audit event and its (client, Idempotency-Key) row in the same commit, so a retried or parallel
// post of one key makes one request. SQLite lets one command write at a time; on PostgreSQL the
// second insert of a key is a unique violation (or a serialization failure, retried by the desk),
// and the command is run again: it then finds the key and answers the request the first one made.
import { versionInForceAt } from '../src/domain/policyVersions';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEvent, CoinOrder, RefundRequest } from '../src/domain/model';
import {
  canonicalJson,
  intakeOrderRefusals,
  platformRefundRequest,
  submissionEvent,
  type IntakeBody,
  type NewPlatformRequest,
  type ResubmissionBody,
} from '../src/domain/platformIntake';
import { refundPublicView, type RefundPublicView } from '../src/domain/refundPublicView';
import { INFO_ITEMS } from '../src/domain/model';
import type { DeskReader, DeskWriter } from './deskData';
import { acknowledgementTemplate, formatArrival } from '../src/domain/messageTemplates';
import { firstReviewDueAt, type SlaSettings } from '../src/domain/slaSettings';
import { assignOnArrival } from './autoAssignService';
import { approveOnArrival } from './automaticApprovalService';
import { expectedDecisionsOf } from './expectedDecisions';
import { fromRow } from './db/codecs';
import { withPlatform } from './db/platformTables';
import type { Database } from './db/schema';
import { transactionDb, type SqlDesk } from './db/sqlDesk';
import { isUniqueViolation } from './db/uniqueViolation';
import { refuse, refuseFields } from './http';
import type { PlatformClient } from './platformClients';
import { committedOnOrder, policyFor, siblingFlagUpdates, withPolicyFlags } from './refundRecords';

export interface IdempotentCall {
  client: PlatformClient;
  key: string;
  /** which route the key is used on: a key used for an intake cannot create a resubmission */
  purpose: string;
  /** the body as parsed */
  body: unknown;
}

export function bodyHash(purpose: string, body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${purpose}\n${canonicalJson(body)}`)
    .digest('hex');
}

const UNIQUE_ATTEMPTS = 5;

/**
 * Runs `create` once per (client, key): the first call creates the request (201), a retry with the
 * same body answers the same request (200), the same key with another body is a 422.
 */
export async function idempotently(
  desk: SqlDesk,
  call: IdempotentCall,
  nowIso: string,
  create: (tx: DeskWriter) => Promise<RefundRequest>,
): Promise<{ refund: RefundRequest; created: boolean }> {
  const hash = bodyHash(call.purpose, call.body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await desk.command(async (tx) => {
        const db = withPlatform(transactionDb(tx));
        const prior = await db
          .selectFrom('platformIntakes')
          .selectAll()
          .where('clientId', '=', call.client.id)
          .where('idempotencyKey', '=', call.key)
          .executeTakeFirst();
        if (prior) {
          if (prior.bodyHash !== hash) throw refuse(422, 'idempotency_key_reused');
          const refund = await tx.get('refunds', prior.refundId);
          if (refund) return { refund, created: false };
          // the request is gone (the database was seeded again): the key starts afresh
          await db
            .deleteFrom('platformIntakes')
            .where('clientId', '=', call.client.id)
            .where('idempotencyKey', '=', call.key)
            .execute();
        }
        const refund = await create(tx);
        await db
          .insertInto('platformIntakes')
          .values({
            clientId: call.client.id,
            idempotencyKey: call.key,
            purpose: call.purpose,
            bodyHash: hash,
            refundId: refund.id,
            createdAt: nowIso,
          })
          .execute();
        return { refund, created: true };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= UNIQUE_ATTEMPTS) throw error;
    }
  }
}

async function orderByNumber(tx: DeskWriter, orderNumber: string): Promise<CoinOrder | undefined> {
  const row = await transactionDb(tx)
    .selectFrom('orders')
    .selectAll()
    .where('orderNumber', '=', orderNumber)
    .executeTakeFirst();
  return row ? fromRow('orders', row) : undefined;
}

/** Writes a new request as the policy flags it, with its audit event (and the siblings' flags). */
async function submit(
  tx: DeskWriter,
  client: PlatformClient,
  details: Omit<NewPlatformRequest, 'id' | 'policyVersion'>,
): Promise<RefundRequest> {
  const onOrder = await tx.refundsForOrder(details.order.id);
  const committed = committedOnOrder(onOrder, { id: '' } as RefundRequest);
  const refusals = intakeOrderRefusals(
    details.order.orderNumber,
    details.order,
    details.customer,
    details.customer.id,
    committed.fen,
  );
  if (refusals) throw refuseFields(422, 'invalid_fields', {}, refusals);
  const id = await tx.nextId('r');
  // a stored request is never overwritten (putRecords replaces by id): the sequence must be behind
  if (await tx.get('refunds', id)) throw new Error(`Request id ${id} is taken: the "r" sequence is behind.`);
  // judged under the policy version in force as it is submitted, for good (policyVersions.ts)
  const { version: policyVersion } = versionInForceAt(await tx.policyVersions(), details.nowIso);
  const submitted = platformRefundRequest({ ...details, id, policyVersion });
  const settings = await tx.slaSettings();
  // the clock counts in the desk's working hours, with the target of the request's segment
  const slaDue = firstReviewDueAt(settings, submitted, submitted.slaStartAt);
  // the customer is told when to expect a decision, and it is kept to measure how often it holds
  const expectedDecisionGiven = await expectationAtIntake(
    transactionDb(tx),
    settings,
    slaDue,
    details.nowIso,
  );
  const request = { ...submitted, slaDueAt: slaDue, expectedDecisionGiven };
  const policy = await policyFor(tx, request, onOrder);
  const flagged = withPolicyFlags(request, policy);
  const event: AuditEvent = {
    ...submissionEvent(flagged, client.id),
    customerMessage: acknowledgementTemplate(flagged.customerLocale, {
      orderNumber: flagged.orderNumber,
      expectedDecisionBy: formatArrival(expectedDecisionGiven, flagged.customerLocale),
    }),
    id: await tx.nextId('e'),
  };
  await tx.commit([
    { c: 'refunds', v: flagged },
    { c: 'events', v: event },
  ]);
  await tx.commit(await siblingFlagUpdates(tx, [flagged]));
  // a clean request its policy version approves by itself never waits in the queue
  const approved = await approveOnArrival(tx, flagged, policy, details.nowIso);
  if (approved) return approved;
  // with automatic assignment on, it goes straight to a reviewer, in this same commit
  return assignOnArrival(tx, flagged, details.nowIso);
}

/** The expected decision of a request about to join the queue with due time `slaDueAt`. */
async function expectationAtIntake(
  db: Kysely<Database>,
  settings: SlaSettings,
  slaDueAt: string,
  nowIso: string,
): Promise<string> {
  const nowMs = Date.parse(nowIso);
  const { expectations } = await expectedDecisionsOf(
    db,
    settings,
    [{ id: '', status: 'pending', slaDueAt }],
    nowMs,
  );
  return expectations[0].expectedDecisionBy ?? nowIso;
}

/** POST /api/platform/refund-requests: the order and customer named, checked, then submitted. */
export async function intake(
  tx: DeskWriter,
  client: PlatformClient,
  body: IntakeBody,
  nowIso: string,
): Promise<RefundRequest> {
  const customer = await tx.get('customers', body.customerId);
  const order = await orderByNumber(tx, body.orderNumber);
  const refusals = intakeOrderRefusals(body.orderNumber, order, customer, body.customerId, 0);
  if (refusals || !order || !customer) throw refuseFields(422, 'invalid_fields', {}, refusals ?? {});
  return submit(tx, client, { order, customer, details: body, nowIso });
}

/** POST …/:id/resubmissions: a new request on the rejected one's order, linked to it. */
export async function resubmit(
  tx: DeskWriter,
  client: PlatformClient,
  original: RefundRequest,
  body: ResubmissionBody,
  nowIso: string,
): Promise<RefundRequest> {
  if (original.status !== 'rejected') {
    throw refuse(409, 'resubmission_not_rejected', { status: original.status });
  }
  const onOrder = await tx.refundsForOrder(original.orderId);
  const earlier = onOrder.find((r) => r.resubmissionOf === original.id);
  if (earlier) throw refuse(409, 'already_resubmitted', { resubmissionId: earlier.id });
  const order = await tx.get('orders', original.orderId);
  const customer = await tx.get('customers', original.customerId);
  if (!order || !customer) throw refuse(404, 'refund_not_found', { id: original.id });
  const providedItems = INFO_ITEMS.filter(
    (item) => original.providedItems.includes(item) || (body.providedItems ?? []).includes(item),
  );
  return submit(tx, client, {
    order,
    customer,
    nowIso,
    resubmissionOf: original.id,
    details: {
      reasonCategory: body.reasonCategory ?? original.reasonCategory,
      description: body.description ?? original.description,
      purchasedAt: body.purchasedAt,
      providedItems,
      evidence: [...original.evidenceFiles, ...(body.evidence ?? [])].filter(
        (file, i, all) => all.indexOf(file) === i,
      ),
    },
  });
}

/** The customer's view of a request, with the messages of its audit events. */
export async function publicViewOf(db: Kysely<Database>, request: RefundRequest): Promise<RefundPublicView> {
  const rows = await db.selectFrom('events').selectAll().where('refundId', '=', request.id).execute();
  return refundPublicView(
    request,
    rows.map((row) => fromRow('events', row)),
  );
}

/** The request of a platform route's `:id`, or a 404. */
export async function platformRefund(data: DeskReader, id: string): Promise<RefundRequest> {
  const refund = await data.get('refunds', id);
  if (!refund) throw refuse(404, 'refund_not_found', { id });
  return refund;
}
