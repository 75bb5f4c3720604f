// The metrics on hand-made fixtures: every expected figure is worked out in the comments.
import { describe, expect, it } from 'vitest';
import {
  classifyDecisions,
  computeMetrics,
  decisionMatches,
  type MetricsInput,
} from '../../src/domain/metrics';
import { H, refund, ev, approve, reply, payout, complaint, resolved } from './metricsFixtures';

describe('classifyDecisions', () => {
  it('excludes the time awaiting the customer from latency', () => {
    // submitted Mon 00:00; request_info at 01:00 (latency 1 h); the customer replies 3 days later
    // (Thu 01:00) and the approval comes 2 h after the reply (Thu 03:00) → latency 2 h, not 75 h
    const r = refund('r1', '2026-03-02T00:00:00Z');
    const decisions = classifyDecisions(r, [
      approve('r1', '2026-03-05T03:00:00Z', 'u1', 1000),
      ev('r1', 'claim', '2026-03-02T00:30:00Z'),
      ev('r1', 'request_info', '2026-03-02T01:00:00Z'),
      reply('r1', '2026-03-05T01:00:00Z'),
    ]);
    expect(decisions.map((d) => [d.outcome, d.latencyMs! / H])).toEqual([
      ['info_requested', 1],
      ['approved', 2],
    ]);
  });

  it('tells partial from full approvals, ignores sent-back approvals and the system timeout', () => {
    const r = refund('r1', '2026-03-02T00:00:00Z');
    const decisions = classifyDecisions(r, [
      // 01:00 approve 600 of 1000, sent back at 02:00: never took effect
      approve('r1', '2026-03-02T01:00:00Z', 'u1', 600),
      ev('r1', 'second_approval', '2026-03-02T02:00:00Z', {
        actorId: 'u3',
        details: { decision: 'send_back' },
      }),
      // 04:00 approve 1000 of 1000, confirmed: the first decision of this clock, 4 h after submission
      approve('r1', '2026-03-02T04:00:00Z', 'u2', 1000),
      ev('r1', 'second_approval', '2026-03-02T05:00:00Z', {
        actorId: 'u3',
        details: { decision: 'confirm' },
      }),
      ev('r1', 'info_timeout', '2026-03-09T05:00:00Z', { actorId: null, actorKind: 'system' }),
      ev('other', 'reject', '2026-03-02T04:00:00Z'),
    ]);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ outcome: 'approved', reviewerId: 'u2', latencyMs: 4 * H });
    const partial = classifyDecisions(r, [approve('r1', '2026-03-02T01:00:00Z', 'u1', 999)]);
    expect(partial[0].outcome).toBe('partially_approved');
  });

  it('gives latency only to the first decision of a clock', () => {
    // request_info at 01:00 then (wrongly, without a reply) a reject at 03:00: second decision, no latency
    const r = refund('r1', '2026-03-02T00:00:00Z');
    const decisions = classifyDecisions(r, [
      ev('r1', 'request_info', '2026-03-02T01:00:00Z'),
      ev('r1', 'reject', '2026-03-02T03:00:00Z'),
    ]);
    expect(decisions.map((d) => d.latencyMs)).toEqual([1 * H, null]);
    expect(
      decisions.filter((d) =>
        decisionMatches(d, {
          fromMs: Date.parse('2026-03-02T02:00:00Z'),
          toMs: Date.parse('2026-03-02T04:00:00Z'),
          outcomes: ['rejected'],
        }),
      ),
    ).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// One scenario, UTC day buckets: period [Mon 2 Mar, Thu 5 Mar) 2026 = 3 buckets (2nd, 3rd, 4th);
// previous period [Fri 27 Feb, Mon 2 Mar); now = Thu 5 Mar 00:00Z.

const refunds = [
  refund('r1', '2026-03-02T01:00:00Z'), // mistaken_purchase
  refund('r2', '2026-03-02T10:00:00Z', { paymentChannel: 'alipay', submissionChannel: 'web' }),
  refund('r3', '2026-03-02T20:00:00Z', { reasonCategory: 'poor_stream_experience', overturned: true }),
  refund('r4', '2026-03-03T05:00:00Z', { reasonCategory: 'poor_stream_experience' }),
  // open ones (backlog as of now)
  refund('r5', '2026-03-03T12:00:00Z', { reasonCategory: 'other', status: 'pending' }), // 36 h, breached
  refund('r6', '2026-03-01T10:00:00Z', { reasonCategory: 'other', status: 'in_review' }), // 86 h, breached
  refund('r7', '2026-02-28T00:00:00Z'), // previous period, mistaken_purchase
  refund('r8', '2026-02-20T00:00:00Z', { reasonCategory: 'other', status: 'awaiting_info' }), // 13 days
  refund('r9', '2026-03-04T22:00:00Z', { reasonCategory: 'duplicate_charge', status: 'pending' }), // 2 h
  refund('r10', '2026-03-04T10:00:00Z', { reasonCategory: 'other', status: 'awaiting_second_approval' }), // 14 h
];
const events = [
  // r1: approved in full by u1 at 03:00 (latency 2 h), paid 1000 at 03:10
  ev('r1', 'claim', '2026-03-02T02:00:00Z'),
  approve('r1', '2026-03-02T03:00:00Z', 'u1', 1000),
  payout('r1', '2026-03-02T03:10:00Z', 1000),
  // r2: u1 asks for information at 12:00 (latency 2 h); reply on the 3rd 08:00; u2 approves 500 of 1000 at 10:00 (2 h)
  ev('r2', 'request_info', '2026-03-02T12:00:00Z'),
  reply('r2', '2026-03-03T08:00:00Z'),
  approve('r2', '2026-03-03T10:00:00Z', 'u2', 500),
  // r3: u2 rejects on the 4th at 00:00, against the suggestion (latency 28 h: SLA missed)
  ev('r3', 'reject', '2026-03-04T00:00:00Z', { actorId: 'u2', details: { againstSuggestion: true } }),
  // r4: u1 approves at 06:00, sent back at 08:00 (not a decision), approves again at 09:00 (latency 4 h)
  approve('r4', '2026-03-03T06:00:00Z', 'u1', 60_000, 60_000),
  ev('r4', 'second_approval', '2026-03-03T08:00:00Z', { actorId: 'u3', details: { decision: 'send_back' } }),
  approve('r4', '2026-03-03T09:00:00Z', 'u1', 60_000, 60_000),
  ev('r4', 'second_approval', '2026-03-03T10:00:00Z', { actorId: 'u7', details: { decision: 'confirm' } }),
  // r7 (previous period): approved by u1 after exactly 24 h (within the SLA), paid 700
  approve('r7', '2026-03-01T00:00:00Z', 'u1', 1000),
  payout('r7', '2026-03-01T00:10:00Z', 700),
  // c2 escalated by the timer (the record still says level 1)
  ev('r2', 'auto_escalate', '2026-03-03T20:00:00Z', {
    subject: 'complaint',
    complaintId: 'c2',
    actorKind: 'system',
  }),
];
const complaints = [
  // c3 on r1: opened on the 2nd, open
  complaint('c3', 'r1', '2026-03-02T05:00:00Z'),
  // c2 on r2: opened on the 3rd 12:00, escalated (event), resolved upheld on the 4th 06:00 → 18 h
  complaint('c2', 'r2', '2026-03-03T12:00:00Z', resolved('upheld', '2026-03-04T06:00:00Z')),
  // c1 on r3: opened on the 4th 02:00 at level 2, overturned at 14:00 → 12 h
  complaint('c1', 'r3', '2026-03-04T02:00:00Z', {
    level: 2,
    ...resolved('overturned', '2026-03-04T14:00:00Z'),
  }),
  // c4 on r7: previous period, opened 05:00 resolved 09:00 with goodwill → 4 h
  complaint('c4', 'r7', '2026-03-01T05:00:00Z', resolved('goodwill', '2026-03-01T09:00:00Z')),
];

const scenario = (over: Partial<MetricsInput> = {}): MetricsInput => ({
  refunds,
  events,
  complaints,
  from: '2026-03-02T00:00:00Z',
  to: '2026-03-05T00:00:00Z',
  granularity: 'day',
  tz: 'UTC',
  filters: {},
  nowMs: Date.parse('2026-03-05T00:00:00Z'),
  ...over,
});

describe('computeMetrics on the scenario', () => {
  const m = computeMetrics(scenario());

  it('counts submissions and decisions per bucket', () => {
    // submitted: 2nd r1 r2 r3; 3rd r4 r5; 4th r9 r10
    expect(m.buckets.map((b) => b.submitted)).toEqual([3, 2, 2]);
    expect(m.totals.submitted).toBe(7);
    // 2nd: r1 approved, r2 info requested; 3rd: r2 partial, r4 approved (once); 4th: r3 rejected
    expect(m.buckets.map((b) => b.decided)).toEqual([
      { approved: 1, partially_approved: 0, rejected: 0, info_requested: 1 },
      { approved: 1, partially_approved: 1, rejected: 0, info_requested: 0 },
      { approved: 0, partially_approved: 0, rejected: 1, info_requested: 0 },
    ]);
    expect(m.totals.decided).toEqual({ approved: 2, partially_approved: 1, rejected: 1, info_requested: 1 });
  });

  it('computes approval rates overall, per bucket and per reason', () => {
    // 2nd 1/2; 3rd 2/2; 4th 0/1; total (2 + 1) / 5 = 0.6
    expect(m.buckets.map((b) => b.approvalRate)).toEqual([0.5, 1, 0]);
    expect(m.totals.approvalRate).toBe(0.6);
    // mistaken_purchase: r1 approved, r2 info, r2 partial → 2/3; poor_stream: r4 approved, r3 rejected → 1/2
    expect(m.totals.byReason.mistaken_purchase).toEqual({ decided: 3, approvalRate: 2 / 3 });
    expect(m.totals.byReason.poor_stream_experience).toEqual({ decided: 2, approvalRate: 0.5 });
    expect(m.totals.byReason.other).toEqual({ decided: 0, approvalRate: null });
    expect(m.buckets[2].byReason.poor_stream_experience).toEqual({ decided: 1, approvalRate: 0 });
  });

  it('computes latency percentiles and SLA compliance', () => {
    // 2nd: [2, 2] → p50 2, p90 2, both ≤ 24 h
    expect(m.buckets[0].latencyHours).toEqual({ p50: 2, p90: 2 });
    expect(m.buckets[0].slaCompliance).toBe(1);
    // 3rd: [2 (r2 after reply), 4 (r4)] → p50 rank 1 = 2; p90 rank ⌈1.8⌉ = 2 → 4
    expect(m.buckets[1].latencyHours).toEqual({ p50: 2, p90: 4 });
    // 4th: [28] → 28, SLA missed
    expect(m.buckets[2].latencyHours).toEqual({ p50: 28, p90: 28 });
    expect(m.buckets[2].slaCompliance).toBe(0);
    // total sorted [2, 2, 2, 4, 28]: p50 rank ⌈2.5⌉ = 3 → 2; p90 rank ⌈4.5⌉ = 5 → 28; 4 of 5 within 24 h
    expect(m.totals.latencyHours).toEqual({ p50: 2, p90: 28 });
    expect(m.totals.slaCompliance).toBe(0.8);
  });

  it('sums money and the partial share', () => {
    expect(m.buckets.map((b) => b.refundedFen)).toEqual([1000, 0, 0]);
    expect(m.totals.refundedFen).toBe(1000);
    // approvals: r1 full, r2 partial, r4 full → 1/3; on the 3rd: 1/2; on the 4th none → null
    expect(m.totals.partialShare).toBe(1 / 3);
    expect(m.buckets.map((b) => b.partialShare)).toEqual([0, 0.5, null]);
  });

  it('counts complaints, escalations, overturns and resolution time', () => {
    // opened: c3 (2nd), c2 (3rd), c1 (4th); escalated: c2 (event), c1 (level 2) → 2/3
    expect(m.buckets.map((b) => b.complaintsOpened)).toEqual([1, 1, 1]);
    expect(m.buckets.map((b) => b.escalationRate)).toEqual([0, 1, 1]);
    expect(m.totals.complaintsOpened).toBe(3);
    expect(m.totals.escalationRate).toBe(2 / 3);
    // resolved on the 4th: c2 upheld (18 h), c1 overturned (12 h) → 1/2; median of [12, 18] rank 1 → 12
    expect(m.buckets.map((b) => b.complaintsResolved)).toEqual([0, 0, 2]);
    expect(m.buckets.map((b) => b.overturnRate)).toEqual([null, null, 0.5]);
    expect(m.totals.overturnRate).toBe(0.5);
    expect(m.totals.complaintResolutionHoursP50).toBe(12);
  });

  it('reports the backlog and open breaches as of now', () => {
    // open: r5 pending 36 h, r6 in_review 86 h, r8 awaiting_info 13 d, r9 pending 2 h, r10 second approval 14 h
    expect(m.totals.backlog).toEqual({
      total: 5,
      byAge: { under4h: 1, h4to24: 1, d1to3: 1, over3d: 2 },
      byStatus: { pending: 2, in_review: 1, awaiting_info: 1, awaiting_second_approval: 1 },
    });
    // pending / in_review past slaDueAt: r5 (due 4th 12:00), r6 (due 2nd 10:00); r9 is due 5th 22:00
    expect(m.totals.breachesOpen).toBe(2);
    expect(m.asOf).toBe('2026-03-05T00:00:00.000Z');
  });

  it('computes the previous period of the same length', () => {
    // [27 Feb, 2 Mar): r6 and r7 submitted; r7 approved after exactly 24 h (within); paid 700; c4 goodwill 4 h
    expect(m.previous).toMatchObject({
      from: '2026-02-27T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      submitted: 2,
      decided: { approved: 1, partially_approved: 0, rejected: 0, info_requested: 0 },
      approvalRate: 1,
      latencyHours: { p50: 24, p90: 24 },
      slaCompliance: 1,
      refundedFen: 700,
      complaintsOpened: 1,
      escalationRate: 0,
      complaintsResolved: 1,
      overturnRate: 0,
      complaintResolutionHoursP50: 4,
    });
  });

  it('adds the buckets up to the totals', () => {
    const sum = (f: (b: (typeof m.buckets)[number]) => number) => m.buckets.reduce((s, b) => s + f(b), 0);
    expect(sum((b) => b.submitted)).toBe(m.totals.submitted);
    expect(sum((b) => b.refundedFen)).toBe(m.totals.refundedFen);
    expect(sum((b) => b.complaintsOpened)).toBe(m.totals.complaintsOpened);
    for (const o of ['approved', 'partially_approved', 'rejected', 'info_requested'] as const) {
      expect(sum((b) => b.decided[o])).toBe(m.totals.decided[o]);
    }
  });

  it('gives per-reviewer figures', () => {
    expect(m.reviewers).toEqual([
      {
        // u1: r1 approved (2 h), r2 info (2 h), r4 approved (4 h); p50 of [2, 2, 4] rank 2 → 2
        reviewerId: 'u1',
        decisions: 3,
        decided: { approved: 2, partially_approved: 0, rejected: 0, info_requested: 1 },
        latencyHoursP50: 2,
        slaCompliance: 1,
        approvalRate: 2 / 3,
        requestsDecided: 3,
        overturnRate: 0,
        againstSuggestionCount: 0,
        againstSuggestionShare: 0,
      },
      {
        // u2: r2 partial (2 h), r3 rejected (28 h, against the suggestion, later overturned)
        reviewerId: 'u2',
        decisions: 2,
        decided: { approved: 0, partially_approved: 1, rejected: 1, info_requested: 0 },
        latencyHoursP50: 2,
        slaCompliance: 0.5,
        approvalRate: 0.5,
        requestsDecided: 2,
        overturnRate: 0.5,
        againstSuggestionCount: 1,
        againstSuggestionShare: 0.5,
      },
    ]);
  });
});

describe('computeMetrics filters', () => {
  it('restricts decisions and latency to one reviewer', () => {
    const m = computeMetrics(scenario({ filters: { reviewerId: 'u2' } }));
    expect(m.totals.decided).toEqual({ approved: 0, partially_approved: 1, rejected: 1, info_requested: 0 });
    expect(m.totals.approvalRate).toBe(0.5);
    // [2, 28]: p50 rank 1 → 2, p90 rank 2 → 28; 1 of 2 within 24 h
    expect(m.totals.latencyHours).toEqual({ p50: 2, p90: 28 });
    expect(m.totals.slaCompliance).toBe(0.5);
    expect(m.reviewers.map((r) => r.reviewerId)).toEqual(['u2']);
    // submissions are nobody's decisions: unchanged; u2 decided nothing in the previous period
    expect(m.totals.submitted).toBe(7);
    expect(m.previous.approvalRate).toBeNull();
  });

  it('restricts requests, their events and their complaints by category and channel', () => {
    const m = computeMetrics(scenario({ filters: { reasonCategory: ['mistaken_purchase'] } }));
    // r1, r2 (current) and r7 (previous)
    expect(m.totals.submitted).toBe(2);
    expect(m.previous.submitted).toBe(1);
    expect(m.totals.decided).toEqual({ approved: 1, partially_approved: 1, rejected: 0, info_requested: 1 });
    expect(Object.keys(m.totals.byReason)).toEqual(['mistaken_purchase']);
    // complaints about r1 (c3) and r2 (c2) only
    expect(m.totals.complaintsOpened).toBe(2);
    expect(m.totals.backlog.total).toBe(0);

    const alipay = computeMetrics(
      scenario({ filters: { paymentChannel: ['alipay'], submissionChannel: ['web'] } }),
    );
    expect(alipay.totals.submitted).toBe(1); // r2
    expect(alipay.totals.decided).toEqual({
      approved: 0,
      partially_approved: 1,
      rejected: 0,
      info_requested: 1,
    });
    const none = computeMetrics(
      scenario({ filters: { paymentChannel: ['alipay'], submissionChannel: ['app'] } }),
    );
    expect(none.totals.submitted).toBe(0);
  });

  it('refuses an empty or reversed range and an unknown zone', () => {
    expect(() => computeMetrics(scenario({ to: '2026-03-02T00:00:00Z' }))).toThrow(RangeError);
    expect(() => computeMetrics(scenario({ tz: 'Nowhere/City' }))).toThrow(RangeError);
  });
});
