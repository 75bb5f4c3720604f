// Applies the migrations that a database lacks (at start-up, and `npm run db:migrate`). Kysely's
// Migrator records each applied migration and holds a lock meanwhile (an advisory lock on
// PostgreSQL), so two processes starting together apply each migration once. The command line is
// migrateCli.ts: a module the API's bundle takes in (scripts/build-api.ts) holds no entry of its own.
import { Migrator, type Kysely, type MigrationResult } from 'kysely';
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
