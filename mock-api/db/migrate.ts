// Applies the migrations that a database lacks (at start-up, and `npm run db:migrate`). Kysely's
// Migrator records each applied migration and holds a lock meanwhile (an advisory lock on
// PostgreSQL), so two processes starting together apply each migration once.
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { connect, targetFromEnv } from './connect';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return results;
}

async function main() {
  const target = targetFromEnv();
  const handle = connect(target);
  try {
    const results = await migrateToLatest(handle.db);
    const where = target.engine === 'sqlite' ? target.file : 'PostgreSQL (DATABASE_URL)';
    if (results.length === 0) console.log(`${where}: already up to date.`);
    for (const r of results) console.log(`${where}: applied ${r.migrationName}`);
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
