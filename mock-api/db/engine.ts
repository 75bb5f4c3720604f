// Which engine a Kysely instance speaks to, for the few places where the two differ (migrations,
// search, booleans).
import { SqliteAdapter, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Kysely<unknown> | Kysely<never>): Engine {
  return (db as Kysely<unknown>).getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}
