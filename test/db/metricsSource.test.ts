// The dashboard's figures from the database (mock-api/metricsSource.ts, on a worker thread through
// mock-api/metricsWorker.ts) equal computeMetrics over the whole demo data in memory, on both
// engines: fixed questions (7, 30 and 90 days, filters by reason, channel and reviewer, weeks, a time
// zone, a reviewer's own figures) and random ones. Plus: the answer follows writes committed after
// the worker started, errors come back as rejections, a stopped worker is started again, and the
// data version moves with every command in any connection. The answers' CSAT is checked against the
// ratings read back from the seed's events (test/mock-api/csatReference.ts).
import { WRITE_ORDER, seededRatings } from '../../mock-api/seed/writer';
import { ratingRow, withRatings } from '../../mock-api/db/ratingTables';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../mock-api/db/connect';
import { putRecords, replaceRefundDecisions, type ResourceRecords } from '../../mock-api/db/codecs';
import { migrateToLatest } from '../../mock-api/db/migrate';
import { nextId } from '../../mock-api/db/sequences';
import { answerMetrics, dataVersion, type MetricsQuestion } from '../../mock-api/metricsSource';
import { MetricsWorkers } from '../../mock-api/metricsWorker';
import { generateSeed } from '../../mock-api/seed/index';
import {
  GRANULARITIES,
  classifyDecisions,
  computeMetrics,
  type MetricsAnswer,
  type MetricsFilters,
} from '../../src/domain/metrics';
import {
  COMPLAINT_OUTCOMES,
  PAYMENT_CHANNELS,
  REASON_CATEGORIES,
  SUBMISSION_CHANNELS,
  type AuditEvent,
  type RefundRequest,
} from '../../src/domain/model';
import { canReadComplaint, ownFiguresOnly, type Viewer } from '../../src/domain/permissions';
import type { Snapshot } from '../../mock-api/deskData';
import { referenceSegments } from '../mock-api/reviewSegmentsReference';
import { withReferenceCsat } from '../mock-api/csatReference';
import { useBothEngines } from '../support/databases';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The demo data's complaints are few and recent: add complaints over the last 80 days about decided
 * requests — resolved (some long after opening) or not, escalated by level, time or event, about
 * either reviewer's decisions — so every complaint figure and the reviewer's visibility are exercised.
 */
function withComplaintHistory(base: Snapshot): Snapshot {
  const template = base.complaints[0];
  const openEvent = base.events.find((e) => e.subject === 'complaint')!;
  const complaints = [...base.complaints];
  const events = [...base.events];
  const decided = base.refunds.filter((r) => r.decision && r.decidedAt);
  decided.slice(0, 70).forEach((refund, i) => {
    const id = `cp${1000 + i}`;
    const openedMs = NOW_MS - (i * 1.15 + 0.3) * DAY;
    const resolvedMs = openedMs + (i % 7 === 0 ? 20 * DAY : (2 + (i % 5) * 7) * HOUR);
    const resolved = i % 3 !== 0 && resolvedMs < NOW_MS;
    complaints.push({
      ...template,
      id,
      refundId: refund.id,
      customerId: refund.customerId,
      openedAt: iso(openedMs),
      level: i % 4 === 0 ? 2 : 1,
      escalatedAt: i % 6 === 1 ? iso(openedMs + HOUR) : null,
      originalDecision: {
        status: refund.status,
        reviewerId: i % 2 === 0 ? (refund.decision?.by ?? null) : 'u2',
        amountFen: refund.approvedFen,
      },
      resolution: resolved
        ? { outcome: COMPLAINT_OUTCOMES[i % 4], by: 'u3', at: iso(resolvedMs), customerMessage: 'Resolved.' }
        : null,
      resolvedAt: resolved ? iso(resolvedMs) : null,
      status: resolved ? 'resolved' : 'open',
    });
    if (i % 5 === 2) {
      events.push({
        ...openEvent,
        id: `e${900_000 + i}`,
        refundId: refund.id,
        complaintId: id,
        action: i % 2 === 0 ? 'escalate' : 'auto_escalate',
        at: iso(openedMs + 2 * HOUR),
      });
    }
  });
  return { ...base, complaints, events };
}

const snapshot = withComplaintHistory(
  await generateSeed({ count: 220, seed: 23, nowMs: NOW_MS, withComplaints: true }),
);

const MANAGER: Viewer = { id: 'u4', role: 'manager' };
const REVIEWER: Viewer = { id: 'u1', role: 'reviewer' };

/** The plain reference: every record in memory, complaints as visibility.ts lets the viewer read them. */
function reference(data: Snapshot, question: MetricsQuestion): MetricsAnswer {
  const refunds = new Map(data.refunds.map((r) => [r.id, r]));
  return computeMetrics({
    refunds: data.refunds,
    events: data.events,
    complaints: data.complaints.filter((c) => canReadComplaint(question.viewer, c, refunds.get(c.refundId))),
    from: new Date(question.fromMs).toISOString(),
    to: new Date(question.toMs).toISOString(),
    granularity: question.granularity,
    tz: question.tz,
    filters: question.filters,
    nowMs: question.nowMs,
  });
}

/**
 * What the worker answers: the figures, the review-time segments on the default calendar, and the
 * customers' ratings of the period's decisions (the seed's, read back from its events).
 */
function onWorker(data: Snapshot, question: MetricsQuestion): MetricsAnswer {
  const period = {
    from: new Date(question.fromMs).toISOString(),
    to: new Date(question.toMs).toISOString(),
    tz: question.tz,
    filters: question.filters,
  };
  return withReferenceCsat(
    { ...reference(data, question), ...referenceSegments(data.refunds, period) },
    data,
    question.filters,
  );
}

/** As routes/metrics.ts asks: a reviewer's figures are always their own. */
function ask(
  days: number,
  options: Partial<Omit<MetricsQuestion, 'fromMs' | 'toMs'>> & { endMs?: number } = {},
): MetricsQuestion {
  const viewer = options.viewer ?? MANAGER;
  const toMs = options.endMs ?? NOW_MS;
  const filters: MetricsFilters = { ...options.filters };
  const own = ownFiguresOnly(viewer);
  if (own) filters.reviewerId = own;
  return {
    fromMs: toMs - days * DAY,
    toMs,
    granularity: options.granularity ?? 'day',
    tz: options.tz ?? 'UTC',
    filters,
    nowMs: options.nowMs ?? NOW_MS,
    viewer,
  };
}

const QUESTIONS: MetricsQuestion[] = [
  ask(7),
  ask(30),
  ask(90),
  ask(30, { granularity: 'week', tz: 'Asia/Shanghai' }),
  ask(90, { granularity: 'week' }),
  ask(30, { filters: { reasonCategory: ['mistaken_purchase', 'other'] } }),
  ask(30, { filters: { paymentChannel: ['alipay', 'wechat_pay'], submissionChannel: ['app'] } }),
  ask(30, { filters: { reviewerId: 'u2' }, tz: 'Asia/Shanghai' }),
  ask(30, { viewer: REVIEWER }),
  ask(90, { viewer: REVIEWER, filters: { reasonCategory: ['other'] }, granularity: 'week' }),
  ask(7, { endMs: NOW_MS - 20 * DAY, nowMs: NOW_MS - 20 * DAY }),
];

async function seed(db: Parameters<typeof migrateToLatest>[0]) {
  await migrateToLatest(db);
  const eventsByRefund = new Map<string, AuditEvent[]>();
  for (const e of snapshot.events) {
    const list = eventsByRefund.get(e.refundId) ?? [];
    list.push(e);
    eventsByRefund.set(e.refundId, list);
  }
  await db.transaction().execute(async (trx) => {
    for (const table of WRITE_ORDER) {
      const records = table === 'notes' ? (snapshot.notes ?? []) : snapshot[table];
      await putRecords(trx, table, [...records] as ResourceRecords[typeof table][]);
    }
    for (const refund of snapshot.refunds) {
      const decisions = classifyDecisions(refund, eventsByRefund.get(refund.id) ?? []);
      await replaceRefundDecisions(trx, refund.id, decisions);
    }
    // the customers' ratings as a rating command keeps them, from the seed's rating events
    const ratings = seededRatings(snapshot).map(ratingRow);
    if (ratings.length > 0) await withRatings(trx).insertInto('customerRatings').values(ratings).execute();
  });
}

const arbitraryQuestion: fc.Arbitrary<MetricsQuestion> = fc
  .record({
    endDaysAgo: fc.integer({ min: -5, max: 70 }),
    lengthMs: fc.integer({ min: 3_600_000, max: 95 * DAY }),
    granularity: fc.constantFrom(...GRANULARITIES),
    tz: fc.constantFrom('UTC', 'Asia/Shanghai', 'America/Sao_Paulo', 'Asia/Kolkata'),
    reasonCategory: fc.option(fc.subarray([...REASON_CATEGORIES], { minLength: 1 }), { nil: undefined }),
    paymentChannel: fc.option(fc.subarray([...PAYMENT_CHANNELS], { minLength: 1 }), { nil: undefined }),
    submissionChannel: fc.option(fc.subarray([...SUBMISSION_CHANNELS], { minLength: 1 }), { nil: undefined }),
    reviewerId: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }),
    viewer: fc.constantFrom(MANAGER, REVIEWER, { id: 'u2', role: 'reviewer' } as Viewer),
  })
  .map((q) => {
    const filters: MetricsFilters = {};
    if (q.reasonCategory) filters.reasonCategory = q.reasonCategory;
    if (q.paymentChannel) filters.paymentChannel = q.paymentChannel;
    if (q.submissionChannel) filters.submissionChannel = q.submissionChannel;
    if (q.reviewerId) filters.reviewerId = q.reviewerId;
    const toMs = NOW_MS - q.endDaysAgo * DAY;
    return ask(q.lengthMs / DAY, {
      endMs: toMs,
      granularity: q.granularity,
      tz: q.tz,
      filters,
      viewer: q.viewer,
    });
  });

describe.each(['sqlite', 'postgres'] as const)('the metrics from the database on %s', (engine) => {
  const dbs = useBothEngines(`metrics_${engine}`);
  let workers: MetricsWorkers | null = null;
  const target = () =>
    engine === 'sqlite'
      ? ({ engine, file: dbs.sqliteFile } as const)
      : ({ engine, url: dbs.postgresUrl } as const);
  afterAll(async () => {
    await workers?.close();
  });

  it('answer every question as computeMetrics over the whole data in memory, on the worker', async () => {
    const { db } = dbs.handles[engine];
    await seed(db);
    workers = new MetricsWorkers(target());
    for (const question of QUESTIONS) {
      const expected = onWorker(snapshot, question);
      expect(await workers.compute(question), JSON.stringify(question)).toEqual(expected);
    }
    // the figures are not vacuously equal: the demo data decides, pays out and complains in 30 days
    const month = reference(snapshot, QUESTIONS[1]);
    expect(month.totals.decided.approved).toBeGreaterThan(0);
    expect(month.totals.refundedFen).toBeGreaterThan(0);
    expect(month.totals.complaintsOpened).toBeGreaterThan(0);
    expect(month.totals.complaintsResolved).toBeGreaterThan(0);
    expect(month.totals.overturnRate).toBeGreaterThan(0);
    expect(month.totals.escalationRate).toBeGreaterThan(0);
    expect(month.totals.backlog.total).toBeGreaterThan(0);
    expect(month.reviewers.length).toBeGreaterThan(1);
    // a reviewer counts fewer complaints than a manager: visibility is applied
    const own = reference(snapshot, QUESTIONS[8]);
    expect(own.totals.complaintsOpened).toBeLessThan(month.totals.complaintsOpened);
    expect(workers.stats.started).toBe(1);
  });

  it('answer random periods, filters, zones and viewers as the reference does', async () => {
    const { db } = dbs.handles[engine];
    await fc.assert(
      fc.asyncProperty(arbitraryQuestion, async (question) => {
        expect(await answerMetrics(db, question)).toEqual(reference(snapshot, question));
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('follow writes committed after the worker started, and the data version moves with them', async () => {
    const { db } = dbs.handles[engine];
    workers ??= new MetricsWorkers(target());
    const before = await dataVersion(db);
    expect(await dataVersion(db)).toBe(before);
    const template = snapshot.refunds[snapshot.refunds.length - 1];
    const added: RefundRequest = {
      ...template,
      id: 'r900001',
      status: 'pending',
      assigneeId: null,
      submittedAt: new Date(NOW_MS - 2 * DAY).toISOString(),
      slaDueAt: new Date(NOW_MS - DAY).toISOString(),
    };
    // another connection commits (as another API process would)
    const other = connect(target());
    try {
      await other.db.transaction().execute(async (trx) => {
        await putRecords(trx, 'refunds', [added]);
        await nextId(trx, 'e');
      });
    } finally {
      await other.close();
    }
    expect(await dataVersion(db)).not.toBe(before);
    const question = ask(7);
    const answer = await workers.compute(question);
    const updated = { ...snapshot, refunds: [...snapshot.refunds, added] };
    expect(answer).toEqual(onWorker(updated, question));
    expect(answer.totals.submitted).toBe(reference(snapshot, question).totals.submitted + 1);
  });

  it('refuse a bad question with its message, and start a stopped worker again', async () => {
    workers ??= new MetricsWorkers(target());
    await expect(workers.compute({ ...ask(7), tz: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone/);
    // the worker that refused is still the one answering
    const startedBefore = workers.stats.started;
    await expect(workers.compute(ask(7))).resolves.toMatchObject({ tz: 'UTC' });
    expect(workers.stats.started).toBe(startedBefore);

    // stopped while a question waits: that question is refused, the next one starts a new worker
    const waiting = workers.compute(ask(30));
    await workers.worker?.terminate();
    await expect(waiting).rejects.toThrow(/stopped/);
    await expect(workers.compute(ask(30))).resolves.toMatchObject({ tz: 'UTC' });
    expect(workers.stats.started).toBe(startedBefore + 1);
  });
});

describe('the metrics worker', () => {
  it('refuses a database file that cannot be opened, with a clear message', async () => {
    const missing = new MetricsWorkers({
      engine: 'sqlite',
      file: path.join(os.tmpdir(), `refund-desk-missing-${process.pid}`, 'none.sqlite'),
    });
    try {
      await expect(missing.compute(ask(7))).rejects.toThrow(/metrics worker failed: cannot open database/i);
    } finally {
      await missing.close();
    }
  });
});
