// Deterministic demo data: `npm run seed -- --count 3000 --seed 42` (cli.ts). Same seed, same
// data; dates are relative to now so SLA timers are alive. One resource a file, as atomic-crm's
// dataGenerator: users, customers, orders, refunds, then each request's history played through the
// real workflow (events.ts), complaints, internal notes and the customers' ratings; world.ts holds
// them in memory and writer.ts writes them. Every status, audit event and metric follows the rules the desk enforces.
import { Worker } from 'node:worker_threads';
import { toIso } from '../../src/domain/sla';
import { connect, type DatabaseTarget } from '../db/connect';
import type { Change, Snapshot } from '../deskData';
import { policyFor, withPolicyFlags } from '../refundRecords';
import { seedComplaints } from './complaints';
import { makeCustomers } from './customers';
import { playHistory } from './events';
import { seedNotes } from './notes';
import { seedRatings } from './ratings';
import { createRng } from './random';
import { seedRefunds } from './refunds';
import { DEMO_STAFF, staffUsers } from './users';
import { openSeedFile, type SeedFile } from './seedFile';
import { SeedWorld } from './world';
import { rebuildMetricsRollups } from '../db/metricsRollups';
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
  // the requests the platform submits later (nextId('r')) continue after the seed's own ids
  world.meta.sequences.r = Math.max(world.meta.sequences.r ?? 0, after.requests + count);
  for (const [id, plan] of plans) await playHistory(world, rng, id, plan, nowMs);
  if (options.withComplaints) await seedComplaints(world, rng, nowMs);
  await seedNotes(world, rng, nowMs, DEMO_STAFF);
  // last: the customers rate the decisions as they finally stand, complaints and all
  seedRatings(world, rng, nowMs);

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
 * Makes the data in cohorts of `cohortSize` requests (each over the same 60 days, with its own
 * customers and orders, ids continuing after the cohort before it), handing each to `write`
 * before the next is made, so memory stays that of one cohort. Answers the last cohort's data.
 */
export async function generateCohorts(
  options: SeedOptions,
  cohortSize: number,
  write: (snapshot: Snapshot, first: boolean) => Promise<void>,
): Promise<Snapshot> {
  let after: NonNullable<SeedOptions['after']> | undefined;
  let snapshot: Snapshot | undefined;
  for (let made = 0; made < options.count; made += cohortSize) {
    const count = Math.min(cohortSize, options.count - made);
    const cohort = made / cohortSize;
    snapshot = await generateSeed({ ...options, count, seed: options.seed + cohort * 7919, after });
    await write(snapshot, cohort === 0);
    after = {
      requests: made + count,
      orders: (after?.orders ?? 0) + snapshot.orders.length,
      customers: (after?.customers ?? 0) + snapshot.customers.length,
      sequences: { ...snapshot.meta.sequences },
    };
  }
  return snapshot!;
}

/** What the cohort worker (cohortWorker.ts) is given, and what it sends back. */
export interface CohortWorkerData {
  options: SeedOptions;
  cohortSize: number;
}
export type CohortMessage = { kind: 'cohort'; snapshot: Snapshot; first: boolean } | { kind: 'done' };

const COHORT_WORKER = new URL('./cohortWorkerBoot.mjs', import.meta.url);

/**
 * generateCohorts on a worker thread, `write` on this one: the next cohort is made while the one
 * before is written. The same cohorts, in the same order, as generateCohorts makes them here.
 */
function generateCohortsInWorker(
  options: SeedOptions,
  cohortSize: number,
  write: (snapshot: Snapshot, first: boolean) => Promise<void>,
): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(COHORT_WORKER, {
      workerData: { options, cohortSize } satisfies CohortWorkerData,
    });
    let last: Snapshot | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    let writing = Promise.resolve();
    worker.on('message', (message: CohortMessage) => {
      writing = writing
        .then(async () => {
          if (settled) return;
          if (message.kind === 'done') {
            settled = true;
            await worker.terminate();
            resolve(last!);
            return;
          }
          last = message.snapshot;
          await write(message.snapshot, message.first);
          worker.postMessage('written');
        })
        .catch(fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The seed's cohort worker stopped (exit code ${code}).`)));
  });
}

/** PostgreSQL's seed: written into the database itself, one transaction per cohort (writer.ts). */
function databaseSink(target: DatabaseTarget): SeedFile {
  const handle = connect(target);
  return {
    db: handle.db,
    write: (snapshot, first) => writeSnapshot(handle.db, snapshot, { append: !first }),
    index: () => Promise.resolve(),
    commit: () => handle.close(),
    discard: () => handle.close(),
  };
}

/**
 * Generates the demo data and writes it into `target`, replacing whatever it held, in cohorts of
 * `cohortSize` requests (generateCohorts); the answer is the last cohort's data. On SQLite a new
 * file is written and renamed into place at the end (seedFile.ts).
 */
export async function seedDatabase(
  target: DatabaseTarget,
  options: SeedOptions,
  cohortSize = SEED_COHORT_SIZE,
): Promise<Snapshot> {
  const sink = target.engine === 'sqlite' ? await openSeedFile(target.file) : databaseSink(target);
  try {
    const write = (cohort: Snapshot, first: boolean) => sink.write(cohort, first);
    // one cohort is made here; more are made on a worker thread while each is written
    const snapshot =
      options.count > cohortSize
        ? await generateCohortsInWorker(options, cohortSize, write)
        : await generateCohorts(options, cohortSize, write);
    await sink.index();
    // tables derived from the base tables are rebuilt in SQL once every cohort is written and
    // indexed, before the statistics
    await rebuildMetricsRollups(sink.db);
    await analyzeDatabase(sink.db);
    await sink.commit();
    return snapshot;
  } catch (error) {
    await sink.discard();
    throw error;
  }
}
