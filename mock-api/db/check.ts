// `npm run db:check`: the full integrity check of the database DB_FILE or DATABASE_URL names, as a
// report; exit code 0 when it is intact, 1 when it is damaged or cannot be checked. Read only: it
// never changes the database, so it is safe to run on a damaged file and while the API runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { targetFromEnv, type DatabaseTarget } from './connect';
import { refusalFor } from './health';
import { checkPostgres, checkSqliteFile } from './integrity';

export interface CheckReport {
  ok: boolean;
  /** the report, one line each */
  lines: string[];
}

/** Runs the full check (integrity_check and foreign_key_check; on PostgreSQL amcheck if installed). */
export async function checkDatabase(target: DatabaseTarget): Promise<CheckReport> {
  if (target.engine === 'sqlite' && !fs.existsSync(target.file)) {
    return { ok: false, lines: [`There is no database file at ${target.file}: nothing to check.`] };
  }
  const found =
    target.engine === 'sqlite'
      ? await checkSqliteFile(target.file, 'full')
      : await checkPostgres(target.url, 'full');
  const lines = [`Checked ${found.where}`, ...found.info.map((l) => `  ${l}`)];
  const refusal = refusalFor(target, found);
  if (refusal) return { ok: false, lines: [...lines, '', refusal.message] };
  return { ok: true, lines: [...lines, 'No damage found.'] };
}

async function main() {
  const report = await checkDatabase(targetFromEnv());
  const print = report.ok ? console.log : console.error;
  print(report.lines.join('\n'));
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
