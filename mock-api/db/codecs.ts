// Domain records ↔ table rows, and the columns derived from a record at write time (schema.ts).
// One place for every conversion: booleans to 0/1, nested values to JSON text, the id's number,
// the folded search fields. Writing through putRecords is the only way the derived columns change.
import type { Kysely } from 'kysely';
import type {
  AuditEvent,
  CoinMovement,
  CoinOrder,
  Complaint,
  Customer,
  RefundNote,
  RefundRequest,
  StaffUser,
} from '../../src/domain/model';
import { TABLE_COLUMNS, type ColumnKind } from './columns';
import type { Database, ResourceTable } from './schema';
import { idNumber } from '../simpleRest';
import { READ_RESOURCES } from '../resources';
import type { ClassifiedDecision } from '../../src/domain/metrics';
import { fieldRefusal } from '../../src/domain/refusal';
import { refuseFields } from '../http';

export interface ResourceRecords {
  refunds: RefundRequest;
  complaints: Complaint;
  events: AuditEvent;
  users: StaffUser;
  customers: Customer;
  orders: CoinOrder;
  notes: RefundNote;
  coinMovements: CoinMovement;
}

type Row = Record<string, unknown>;

/** The search fields as resources.ts lists them, each kept folded in `<field>Folded`. */
export function searchFieldsOf(table: ResourceTable): readonly string[] {
  return READ_RESOURCES[table].searchFields;
}

export const foldedColumn = (field: string) => `${field}Folded`;

/**
 * The case folding of `q`: JavaScript's toLowerCase, as today's list (simpleRest.ts) applies it to
 * both the needle and each search field. Done in JavaScript on both engines so that 'Ä', 'Σ' and
 * full-width letters fold exactly as before.
 */
export function foldForSearch(text: string): string {
  return text.toLowerCase();
}

/** Optional properties of a record, whose absence absentFields records (schema.ts). */
const OPTIONAL: Partial<Record<ResourceTable, readonly string[]>> = {
  refunds: ['alreadyRefundedFen', 'coinHold', 'secondApprovalDueAt', 'expectedDecisionGiven'],
  complaints: ['pendingResolution', 'goodwillCredits', 'awaitingCustomerSince', 'dueWorkingMsLeft'],
  notes: ['legacy'],
  events: ['amountFen', 'customerMessage', 'note', 'details'],
  users: ['passwordHash', 'version', 'languages', 'skills', 'claimCap', 'away', 'awaySince'],
};

/** Columns that are not fields of the record: the database's own or derived from the fields. */
function isDerived(table: ResourceTable, column: string): boolean {
  if (column === 'idNumber' || column === 'rowKey' || column === 'absentFields') return true;
  if (column.endsWith('Folded')) return true;
  return (
    (table === 'refunds' && (column === 'againstSuggestion' || column === 'decisionBy')) ||
    (table === 'complaints' && (column === 'resolutionOutcome' || column === 'originalReviewerId'))
  );
}

function derivedColumns(table: ResourceTable, record: Row): Row {
  const number = idNumber(String(record.id));
  const row: Row = { idNumber: Number.isFinite(number) ? number : null };
  for (const field of searchFieldsOf(table)) {
    const value = record[field];
    row[foldedColumn(field)] = typeof value === 'string' ? foldForSearch(value) : null;
  }
  const optional = OPTIONAL[table];
  if (optional) {
    const absent = optional.filter((field) => record[field] === undefined);
    row.absentFields = absent.length > 0 ? JSON.stringify(absent) : null;
  }
  if (table === 'refunds') {
    const decision = (record as unknown as RefundRequest).decision;
    row.againstSuggestion = decision?.againstSuggestion ? 1 : 0;
    row.decisionBy = decision?.by ?? null;
  }
  if (table === 'complaints') {
    const complaint = record as unknown as Complaint;
    row.resolutionOutcome = complaint.resolution?.outcome ?? null;
    row.originalReviewerId = complaint.originalDecision?.reviewerId ?? null;
  }
  return row;
}

function encode(kind: ColumnKind, value: unknown): unknown {
  // a missing required field stays missing: the NOT NULL constraint refuses the write
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'bool':
    case 'bool?':
      // better-sqlite3 binds no booleans; PostgreSQL reads '1'/'0' as a boolean
      return value ? 1 : 0;
    case 'json':
    case 'json?':
      return JSON.stringify(value);
    default:
      return value;
  }
}

function decode(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'bool':
    case 'bool?':
      return value === true || value === 1;
    case 'json':
    case 'json?':
      return JSON.parse(value as string) as unknown;
    case 'int':
    case 'int?':
    case 'real?':
      return Number(value);
    default:
      return value;
  }
}

/** Whether a value is text holding U+0000, which PostgreSQL cannot store (nor SQLite's text functions read). */
export function holdsNul(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\u0000');
}

/** Each table's stored fields and their kinds (the columns that are not derived), worked out once. */
const FIELD_COLUMNS = new Map<ResourceTable, readonly [string, ColumnKind][]>();
function fieldColumns(table: ResourceTable): readonly [string, ColumnKind][] {
  let columns = FIELD_COLUMNS.get(table);
  if (!columns) {
    columns = Object.entries(TABLE_COLUMNS[table] as Record<string, ColumnKind>).filter(
      ([column]) => !isDerived(table, column),
    );
    FIELD_COLUMNS.set(table, columns);
  }
  return columns;
}

/** The row that stores a record, derived columns included. */
export function toRow<K extends ResourceTable>(table: K, record: ResourceRecords[K]): Row {
  const fields = record as unknown as Row;
  const row: Row = {};
  for (const [column, kind] of fieldColumns(table)) {
    row[column] = encode(kind, fields[column]);
    // the same refusal on both engines (JSON columns escape it, so only plain text can hold it)
    if (holdsNul(row[column])) {
      throw refuseFields(422, 'nul_in_text', { column }, { [column]: fieldRefusal('remove_nul') });
    }
  }
  return Object.assign(row, derivedColumns(table, fields));
}

/** The record a row stores (derived columns dropped), with its fields in the column order. */
export function fromRow<K extends ResourceTable>(table: K, row: Row): ResourceRecords[K] {
  const record: Row = {};
  const absent = row.absentFields ? (JSON.parse(row.absentFields as string) as string[]) : [];
  for (const [column, kind] of Object.entries(TABLE_COLUMNS[table] as Record<string, ColumnKind>)) {
    if (isDerived(table, column)) continue;
    const value = decode(kind, row[column]);
    if (value === null && absent.includes(column)) continue;
    record[column] = value;
  }
  return record as unknown as ResourceRecords[K];
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters for the widest table. */
const ROWS_PER_STATEMENT = 200;

/**
 * Inserts the records, or replaces those whose id is stored already (their derived columns with
 * them; on SQLite the FTS triggers follow). One statement per batch, in the caller's transaction.
 */
export async function putRecords<K extends ResourceTable>(
  db: Kysely<Database>,
  table: K,
  records: readonly ResourceRecords[K][],
): Promise<void> {
  for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
    const rows = records.slice(i, i + ROWS_PER_STATEMENT).map((r) => toRow(table, r));
    const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
    await db
      .insertInto(table)
      .values(rows as never)
      .onConflict((oc) =>
        oc.column('id' as never).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const column of columns) set[column] = eb.ref(`excluded.${column}` as never);
          return set as never;
        }),
      )
      .execute();
  }
}

/**
 * Replaces a request's classified decisions (refundDecisions), in the transaction that writes the
 * audit event they were classified from: classifyDecisions (metrics.ts) over its events.
 */
export async function replaceRefundDecisions(
  db: Kysely<Database>,
  refundId: string,
  decisions: readonly ClassifiedDecision[],
): Promise<void> {
  await db.deleteFrom('refundDecisions').where('refundId', '=', refundId).execute();
  if (decisions.length === 0) return;
  await db
    .insertInto('refundDecisions')
    .values(
      decisions.map((d) => ({
        eventId: d.eventId,
        refundId: d.refundId,
        at: d.at,
        atMs: d.atMs,
        outcome: d.outcome,
        reviewerId: d.reviewerId,
        againstSuggestion: d.againstSuggestion ? 1 : 0,
        latencyMs: d.latencyMs,
      })),
    )
    .execute();
}
