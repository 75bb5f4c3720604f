// The seed's customer ratings (mock-api/seed/ratings.ts): a realistic share of the decided requests
// rated once each, after their decision and before now, by the rule the API applies; scores that
// follow the outcome; the same ratings for the same seed; and the rows written on both engines the
// ratings the events record, so the dashboard's CSAT is there from the first start.
import { describe, expect, it } from 'vitest';
import { csatFigures } from '../../src/domain/csat';
import { ratingOfEvent, ratingRefusal } from '../../src/domain/customerRatings';
import { generateSeed } from '../../mock-api/seed/index';
import { seededRatings, writeSnapshot } from '../../mock-api/seed/writer';
import { withRatings } from '../../mock-api/db/ratingTables';
import { useBothEngines } from '../support/databases';

const NOW_MS = Date.parse('2026-11-25T12:00:00.000Z');
const snapshot = await generateSeed({ count: 600, seed: 31, nowMs: NOW_MS, withComplaints: true });
const ratings = seededRatings(snapshot);

describe('the seed’s ratings', () => {
  it('rate a share of the decided requests, once each, between the decision and now', () => {
    const byId = new Map(snapshot.refunds.map((r) => [r.id, r]));
    const decided = snapshot.refunds.filter((r) => ratingRefusal(r, null) === null);
    expect(new Set(ratings.map((r) => r.refundId)).size).toBe(ratings.length);
    const share = ratings.length / decided.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    for (const rating of ratings) {
      const request = byId.get(rating.refundId)!;
      expect(ratingRefusal(request, null), rating.refundId).toBeNull();
      expect(rating.decidedAt).toBe(request.decidedAt);
      expect(Date.parse(rating.ratedAt)).toBeGreaterThan(Date.parse(rating.decidedAt));
      expect(Date.parse(rating.ratedAt)).toBeLessThan(NOW_MS);
    }
    expect(ratings.some((r) => r.comment !== null)).toBe(true);
    expect(ratings.some((r) => r.decidedBy === null)).toBe(true);
  });

  it('score approvals above partial approvals above rejections, and differ by reviewer', () => {
    const { csatBy } = csatFigures(ratings.map((r) => ({ ...r, n: 1, scoreSum: r.score })));
    const [approved, partial, rejected] = csatBy.outcome.map((o) => o.average!);
    expect(approved).toBeGreaterThan(partial);
    expect(partial).toBeGreaterThan(rejected);
    const reviewers = csatBy.reviewer.filter((r) => r.reviewerId !== null && r.n >= 20);
    expect(reviewers.length).toBeGreaterThan(2);
    expect(new Set(reviewers.map((r) => r.average)).size).toBeGreaterThan(1);
  });

  it('are the same for the same seed', async () => {
    const again = await generateSeed({ count: 600, seed: 31, nowMs: NOW_MS, withComplaints: true });
    expect(seededRatings(again)).toEqual(ratings);
    expect(again.events.filter((e) => ratingOfEvent(e) !== null).map((e) => e.id)).toEqual(
      snapshot.events.filter((e) => ratingOfEvent(e) !== null).map((e) => e.id),
    );
  });
});

describe.each(['sqlite', 'postgres'] as const)('the seed’s ratings written to %s', (engine) => {
  const dbs = useBothEngines(`seed_ratings_${engine}`);

  it('are the rows of the ratings table, written again whole on a second seed', async () => {
    const { db } = dbs.handles[engine];
    await writeSnapshot(db, snapshot, { rollups: false });
    await writeSnapshot(db, snapshot, { rollups: false });
    const rows = await withRatings(db)
      .selectFrom('customerRatings')
      .selectAll()
      .orderBy('refundId')
      .execute();
    const expected = [...ratings].sort((a, b) => (a.refundId < b.refundId ? -1 : 1));
    expect(rows.map((r) => ({ ...r, score: Number(r.score) }))).toEqual(expected);
  });
});
