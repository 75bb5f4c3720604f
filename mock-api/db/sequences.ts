// Ids for new records ("r123", "e456"), one sequence per prefix, as Store.nextId hands them out
// today. One statement increments and reads the counter, so two API processes on one database never
// hand out the same id: SQLite lets one writer at a time through; PostgreSQL locks the row until
// the transaction ends.
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The next id for `prefix`: `${prefix}${n}` with n one more than the last one handed out. */
export async function nextId(db: Kysely<Database>, prefix: string): Promise<string> {
  const { last } = await db
    .insertInto('idSequences')
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet((eb) => ({ last: eb('idSequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}${Number(last)}`;
}

/** Moves a sequence on to at least `last` (an import of records whose ids were made elsewhere). */
export async function advanceSequence(db: Kysely<Database>, prefix: string, last: number): Promise<void> {
  await db
    .insertInto('idSequences')
    .values({ prefix, last })
    .onConflict((oc) =>
      oc.column('prefix').doUpdateSet((eb) => ({
        last: eb
          .case()
          .when('idSequences.last', '<', eb.ref('excluded.last'))
          .then(eb.ref('excluded.last'))
          .else(eb.ref('idSequences.last'))
          .end(),
      })),
    )
    .execute();
}
