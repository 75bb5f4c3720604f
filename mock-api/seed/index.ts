// Deterministic demo data: `npm run seed -- --count 3000 --seed 42` (cli.ts). Same seed, same
// data; dates are relative to now so SLA timers are alive. One resource a file, as atomic-crm's
// dataGenerator: users, customers, orders, refunds, then each request's history played through the
// real workflow (events.ts), complaints and internal notes; world.ts holds them in memory and
// writer.ts writes them. Every status, audit event and metric follows the rules the desk enforces.
import { toIso } from '../../src/domain/sla';
import { connect, type DatabaseTarget } from '../db/connect';
import type { Change, Snapshot } from '../deskData';
import { policyFor, withPolicyFlags } from '../refundRecords';
import { seedComplaints } from './complaints';
import { makeCustomers } from './customers';
import { playHistory } from './events';
import { seedNotes } from './notes';
import { createRng } from './random';
import { seedRefunds } from './refunds';
import { DEMO_STAFF, staffUsers } from './users';
import { SeedWorld } from './world';
import { analyzeDatabase, writeSnapshot } from './writer';

export { createRng, type Rng } from './random';
export { DEMO_PASSWORD, DEMO_STAFF } from './users';

export interface SeedOptions {
  count: number;
  seed: number;
  nowMs: number;
  /** complaints are added by the complaint seeder when present */
  withComplaints?: boolean;
  /**
   * A cohort of a large seed (seedDatabase): its ids continue after the cohorts before it, whose
   * last numbers these are (requests, orders, customers, and the sequences of the other prefixes).
   */
  after?: { requests: number; orders: number; customers: number; sequences: Record<string, number> };
}

export async function generateSeed(options: SeedOptions): Promise<Snapshot> {
  const { count, seed, nowMs } = options;
  const after = options.after ?? { requests: 0, orders: 0, customers: 0, sequences: { e: 0 } };
  const rng = createRng(seed);
  const customers = makeCustomers(rng, Math.max(10, Math.round(count / 2)), nowMs, after.customers + 1);
  const world = new SeedWorld({ sequences: { ...after.sequences }, seed, seededAt: toIso(nowMs) });
  world.put('users', staffUsers(seed));
  world.put('customers', customers);

  const plans = await seedRefunds(world, rng, { count, nowMs, after, customers });
  for (const [id, plan] of plans) await playHistory(world, rng, id, plan, nowMs);
  if (options.withComplaints) await seedComplaints(world, rng, nowMs);
  await seedNotes(world, rng, nowMs, DEMO_STAFF);

  // final pass: flags as the server computes them now that every history has been played
  const refreshed: Change[] = [];
  for (const r of world.all('refunds')) {
    const next = withPolicyFlags(r, await policyFor(world, r));
    if (next !== r) refreshed.push({ c: 'refunds', v: next });
  }
  await world.commit(refreshed);
  return world.toSnapshot();
}

/** Requests per cohort of a large seed: each is played in memory, written, then let go. */
export const SEED_COHORT_SIZE = 100_000;

/**
 * Generates the demo data and writes it into `target`, replacing whatever it held. Beyond
 * SEED_COHORT_SIZE requests the data is made in cohorts of that size (each over the same 60 days,
 * with its own customers and orders, ids continuing after the cohort before it), so memory stays
 * that of one cohort; the answer is then the last cohort's data.
 */
export async function seedDatabase(
  target: DatabaseTarget,
  options: SeedOptions,
  cohortSize = SEED_COHORT_SIZE,
): Promise<Snapshot> {
  const handle = connect(target);
  try {
    let after: NonNullable<SeedOptions['after']> | undefined;
    let snapshot: Snapshot | undefined;
    for (let made = 0; made < options.count; made += cohortSize) {
      const count = Math.min(cohortSize, options.count - made);
      const cohort = made / cohortSize;
      snapshot = await generateSeed({ ...options, count, seed: options.seed + cohort * 7919, after });
      await writeSnapshot(handle.db, snapshot, { append: cohort > 0 });
      after = {
        requests: made + count,
        orders: after?.orders ?? 0,
        customers: after?.customers ?? 0,
        sequences: { ...snapshot.meta.sequences },
      };
      after.orders += snapshot.orders.length;
      after.customers += snapshot.customers.length;
    }
    await analyzeDatabase(handle.db);
    return snapshot!;
  } finally {
    await handle.close();
  }
}
