// A complaint's clock pauses while the desk waits for the customer (src/domain/complaintClock.ts):
// `complaints.awaitingCustomerSince`, when the wait began, and `complaints.dueWorkingMsLeft`, the
// working time that was left to the due time then; both null while the clock runs.
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<unknown>): Promise<void> {
  const engine = engineOf(db);
  const text = sql.raw(engine === 'sqlite' ? 'text' : 'text collate "C"');
  const int = sql.raw(engine === 'sqlite' ? 'integer' : 'bigint');
  await db.schema.alterTable('complaints').addColumn('awaitingCustomerSince', text).execute();
  await db.schema.alterTable('complaints').addColumn('dueWorkingMsLeft', int).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('complaints').dropColumn('dueWorkingMsLeft').execute();
  await db.schema.alterTable('complaints').dropColumn('awaitingCustomerSince').execute();
}
