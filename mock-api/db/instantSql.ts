// Instants stored as canonical toISOString text ("2026-12-07T09:45:00.000Z"), turned into numbers
// by the database, so that a reader grouping or returning many rows does not parse them one by one.
import { sql, type RawBuilder } from 'kysely';
import { SLOT_MS } from '../../src/domain/metricsSlots';
import type { Engine } from './engine';

/** Epoch ms of a stored toISOString text, exactly (integer arithmetic on SQLite). */
export function msOfTextSql(engine: Engine, column: RawBuilder<unknown>): RawBuilder<number> {
  return engine === 'sqlite'
    ? sql<number>`(cast(strftime('%s', ${column}) as integer) * 1000 + cast(substr(${column}, 21, 3) as integer))`
    : sql<number>`cast(round(extract(epoch from cast(${column} as timestamptz)) * 1000) as bigint)`;
}

/** slotOf (the roll-ups' 15-minute UTC slot number) of a stored toISOString text. */
export function slotOfTextSql(engine: Engine, column: RawBuilder<unknown>): RawBuilder<number> {
  const seconds = SLOT_MS / 1000;
  return engine === 'sqlite'
    ? sql<number>`(cast(strftime('%s', ${column}) as integer) / ${sql.lit(seconds)})`
    : sql<number>`cast(floor(extract(epoch from cast(${column} as timestamptz)) / ${sql.lit(seconds)}) as bigint)`;
}
