// `npm run db:migrate`: applies the migrations the database (DATABASE_URL or DB_FILE) lacks.
import { connect, targetFromEnv } from './connect';
import { migrateToLatest } from './migrate';

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

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
