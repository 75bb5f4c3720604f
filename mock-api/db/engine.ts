// Which engine a Kysely instance speaks to, for the few places where the two differ (migrations,
// search, booleans).
import { SqliteAdapter } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Any Kysely instance, whatever its schema type. */
interface WithAdapter {
  getExecutor(): { readonly adapter: unknown };
}

export function engineOf(db: WithAdapter): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}
