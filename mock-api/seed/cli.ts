// `npm run seed -- [--count N] [--seed S] [--file F] [--if-missing]`: the demo data (index.ts)
// written into the API's database, SQLite (DB_FILE, or --file) or PostgreSQL (DATABASE_URL).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { targetFromEnv, type DatabaseTarget } from '../db/connect';
import { assertDatabaseUsable } from '../db/health';
import { SEED_COHORT_SIZE, seedDatabase } from './index';
import { describeDatabase, isSeeded } from './writer';

function parseArgs(argv: string[]) {
  const args: { count: number; seed: number; ifMissing: boolean; file?: string } = {
    count: 3000,
    seed: 42,
    ifMissing: false,
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a === '--count') args.count = Number(argv[++k]);
    else if (a === '--seed') args.seed = Number(argv[++k]);
    else if (a === '--file') args.file = argv[++k];
    else if (a === '--if-missing') args.ifMissing = true;
    else
      throw new Error(
        `Unknown argument ${a}. Usage: npm run seed -- [--count N] [--seed S] [--file F] [--if-missing]`,
      );
  }
  if (!Number.isSafeInteger(args.count) || args.count < 1)
    throw new Error('--count must be a positive integer');
  if (!Number.isSafeInteger(args.seed)) throw new Error('--seed must be an integer');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const target: DatabaseTarget = args.file
    ? { engine: 'sqlite', file: path.resolve(args.file) }
    : targetFromEnv();
  const where = describeDatabase(target);
  // a damaged database is never seeded over: its data stays for the owner to rescue (health.ts)
  await assertDatabaseUsable(target, { allowMissing: true });
  if (args.ifMissing && (await isSeeded(target))) {
    console.log(`${where} holds the desk's data; not seeding.`);
    return;
  }
  const started = Date.now();
  const snapshot = await seedDatabase(target, {
    count: args.count,
    seed: args.seed,
    nowMs: Date.now(),
    withComplaints: true,
  });
  console.log(
    args.count > SEED_COHORT_SIZE
      ? `Seeded ${where}: ${args.count} refund requests in cohorts of ${SEED_COHORT_SIZE} ` +
          `in ${Date.now() - started} ms.`
      : `Seeded ${where}: ${snapshot.refunds.length} refund requests, ${snapshot.customers.length} customers, ` +
          `${snapshot.complaints.length} complaints, ${snapshot.events.length} events in ${Date.now() - started} ms.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
