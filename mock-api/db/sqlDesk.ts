// The desk's data (deskData.ts) in SQLite or PostgreSQL. One command is one transaction that reads
// what its rule needs and writes the record, its audit event and what is derived from them:
// - SQLite: BEGIN IMMEDIATE takes the database's write lock before the first read, so a command
//   reads nothing another process can change before it commits (one writer at a time, WAL readers
//   never wait); in this process Kysely's single connection runs one command at a time.
// - PostgreSQL: SERIALIZABLE, retried from the start when the server reports that a concurrent
//   transaction made it unserialisable; claim-next takes its row FOR UPDATE SKIP LOCKED.
// Versioned writes are checked in the UPDATE in both cases (records.ts updateIfVersion).
import { sql, type Kysely } from 'kysely';
import { classifyDecisions, isDecisionRelevant } from '../../src/domain/metrics';
import {
  ACTIVE_COMPLAINT_STATUSES,
  type AuditEvent,
  type Complaint,
  type Customer,
  type RefundRequest,
  type RefundStatus,
  type StaffUser,
} from '../../src/domain/model';
import type { TimedRefundWindow } from '../../src/domain/refundWorkflow';
import type { ClaimableConditions } from '../../src/domain/reviewerRouting';
import {
  WriteConflict,
  type Change,
  type CollectionName,
  type Collections,
  type Desk,
  type DeskReader,
  type DeskWriter,
} from '../deskData';
import { settleCoinChanges } from '../coinLedger';
import { fromRow, holdsNul, putRecords, replaceRefundDecisions, type ResourceRecords } from './codecs';
import { engineOf, type Engine } from './engine';
import { RollupChanges } from './metricsRollups';
import { getRecord, updateRecord, type VersionedTable } from './records';
import type { Database, ResourceTable } from './schema';
import { nextId } from './sequences';
import { writeOutboxFor } from '../webhooks/outbox';
import { readSlaSettings } from './deskSettings';
import type { SlaSettings } from '../../src/domain/slaSettings';
import type { PolicyInForce, PolicyVersion } from '../../src/domain/policyVersions';
import { KnownPolicyVersions, readPolicyVersions } from './policyVersions';

type Row = Record<string, unknown>;

/** How often a PostgreSQL command is tried when concurrent ones keep making it unserialisable. */
const SERIALIZATION_ATTEMPTS = 40;

function rowsOf<K extends ResourceTable>(table: K, rows: Row[]): ResourceRecords[K][] {
  return rows.map((row) => fromRow(table, row));
}

class SqlReader implements DeskReader {
  constructor(
    protected readonly db: Kysely<Database>,
    /** shared by the desk and every transaction it opens */
    protected readonly knownPolicies = new KnownPolicyVersions(),
  ) {}

  async get<K extends CollectionName>(collection: K, id: string): Promise<Collections[K] | undefined> {
    return (await getRecord(this.db, collection, id)) as Collections[K] | undefined;
  }

  async refundsForOrder(orderId: string): Promise<RefundRequest[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('orderId', '=', orderId)
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('refunds', rows);
  }

  async refundsForCustomer(customerId: string): Promise<RefundRequest[]> {
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('refunds', rows);
  }

  async refundsInTimedWindows(windows: readonly TimedRefundWindow[]): Promise<RefundRequest[]> {
    if (windows.length === 0) return [];
    // ISO-8601 UTC times, one format throughout: compared as text on both engines
    const rows = await this.db
      .selectFrom('refunds')
      .selectAll()
      .where((eb) =>
        eb.or(
          windows.map((w) =>
            eb.and([
              eb('status', 'in', w.statuses),
              eb(w.since, '<=', w.notAfter),
              ...(w.paymentChannel === undefined ? [] : [eb('paymentChannel', '=', w.paymentChannel)]),
            ]),
          ),
        ),
      )
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('refunds', rows);
  }

  async customersOnPaymentAccount(paymentAccountId: string): Promise<Customer[]> {
    const rows = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('paymentAccountId', '=', paymentAccountId)
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('customers', rows);
  }

  async activeComplaintFor(refundId: string, exceptId?: string): Promise<Complaint | null> {
    let query = this.db
      .selectFrom('complaints')
      .selectAll()
      .where('refundId', '=', refundId)
      .where('status', 'in', ACTIVE_COMPLAINT_STATUSES);
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
    const row = await query.orderBy('idNumber').orderBy('id').limit(1).executeTakeFirst();
    return row ? fromRow('complaints', row) : null;
  }

  activeComplaints(): Promise<Complaint[]> {
    return this.activeComplaintsDueByOrAll();
  }

  activeComplaintsDueBy(nowIso: string): Promise<Complaint[]> {
    return this.activeComplaintsDueByOrAll(nowIso);
  }

  private async activeComplaintsDueByOrAll(dueBy?: string): Promise<Complaint[]> {
    const rows = await this.db
      .selectFrom('complaints')
      .selectAll()
      .where('status', 'in', ACTIVE_COMPLAINT_STATUSES)
      .$call((qb) => (dueBy === undefined ? qb : qb.where('dueAt', '<=', dueBy)))
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('complaints', rows);
  }

  async complaintsOfCustomer(customerId: string): Promise<Complaint[]> {
    const rows = await this.db
      .selectFrom('complaints')
      .selectAll()
      .where('customerId', '=', customerId)
      .orderBy('idNumber')
      .orderBy('id')
      .execute();
    return rowsOf('complaints', rows);
  }

  async activeUserByUsername(username: string): Promise<StaffUser | undefined> {
    if (holdsNul(username)) return undefined;
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .where('active', '=', 1)
      .executeTakeFirst();
    return row ? fromRow('users', row) : undefined;
  }

  async allUsers(): Promise<StaffUser[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('idNumber').orderBy('id').execute();
    return rowsOf('users', rows);
  }

  /** The requests in one of `statuses` held by `assigneeId`, or null when none can be (nothing asked). */
  private assignedTo(assigneeId: string, statuses: readonly RefundStatus[]) {
    if (statuses.length === 0 || holdsNul(assigneeId)) return null;
    return this.db.selectFrom('refunds').where('assigneeId', '=', assigneeId).where('status', 'in', statuses);
  }

  async refundsAssignedTo(assigneeId: string, statuses: readonly RefundStatus[]): Promise<RefundRequest[]> {
    const held = this.assignedTo(assigneeId, statuses);
    if (!held) return [];
    const rows = await held.selectAll().orderBy('idNumber').orderBy('id').execute();
    return rowsOf('refunds', rows);
  }

  async countRefundsAssignedTo(
    assigneeId: string,
    statuses: readonly RefundStatus[],
    exceptId?: string,
  ): Promise<number> {
    const held = this.assignedTo(assigneeId, statuses);
    if (!held) return 0;
    let query = held.select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  async slaSettings(): Promise<SlaSettings> {
    return (await readSlaSettings(this.db)).settings;
  }

  policyVersions(): Promise<PolicyVersion[]> {
    return readPolicyVersions(this.db);
  }

  policyVersion(version: number): Promise<PolicyInForce> {
    return this.knownPolicies.get(this.db, version);
  }
}

const VERSIONED: ReadonlySet<CollectionName> = new Set<VersionedTable>(['refunds', 'complaints']);

class SqlWriter extends SqlReader implements DeskWriter {
  constructor(
    db: Kysely<Database>,
    private readonly engine: Engine,
    /** the database outside this transaction (PostgreSQL hands out ids there) */
    private readonly root: Kysely<Database>,
    knownPolicies: KnownPolicyVersions,
  ) {
    super(db, knownPolicies);
  }

  /** this transaction's connection (transactionDb below) */
  get transactionDb(): Kysely<Database> {
    return this.db;
  }

  nextId(prefix: string): Promise<string> {
    // PostgreSQL: the counter is bumped in a statement of its own that commits at once, as a
    // sequence would; inside a SERIALIZABLE command every two commands would collide on its row.
    // An id of a command that then rolls back is never reused, merely skipped.
    return nextId(this.engine === 'postgres' ? this.root : this.db, prefix);
  }

  async commit(requested: readonly Change[]): Promise<void> {
    // the coins held, released or revoked by the requests' changes, as ledger lines written with
    // them (coinLedger.ts; coinMovementsIn(changes) lists them for what else a commit derives)
    const { changes, movements } = await settleCoinChanges(this, requested);
    const decided = new Map<string, RefundRequest | undefined>();
    // the dashboard's roll-ups move with the rows they count, in this transaction
    const rollups = new RollupChanges(this.db);
    for (const change of changes) {
      if (change.c === 'refunds') await rollups.beforeRefund(change.v.id, change.was);
      if (change.over !== undefined && VERSIONED.has(change.c)) {
        const table = change.c as VersionedTable;
        const written = await updateRecord(this.db, table, change.v as never, {
          expectedVersion: change.over,
          was: change.was as never,
        });
        if (!written) throw new WriteConflict(change.c, change.v.id);
      } else if (change.was) {
        // a derived-field refresh of a record read in this transaction: only what changed
        if (!(await updateRecord(this.db, change.c, change.v as never, { was: change.was as never }))) {
          throw new WriteConflict(change.c, change.v.id);
        }
      } else {
        await putRecords(this.db, change.c, [change.v] as never);
      }
      await rollups.written(change);
      if (change.c === 'refunds' && decided.has(change.v.id)) decided.set(change.v.id, change.v);
      if (change.c === 'events' && isDecisionRelevant(change.v)) {
        const refund = changes.find((c) => c.c === 'refunds' && c.v.id === change.v.refundId);
        decided.set(change.v.refundId, refund?.v as RefundRequest | undefined);
      }
    }
    // the request's decisions as the metrics classify them, derived in the same transaction
    for (const [refundId, known] of decided) {
      const refund = known ?? (await this.get('refunds', refundId));
      if (!refund) continue;
      const rows = await this.db
        .selectFrom('events')
        .selectAll()
        .where('refundId', '=', refundId)
        .where('subject', '=', 'refund')
        .execute();
      const events: AuditEvent[] = rowsOf('events', rows);
      const decisions = classifyDecisions(refund, events);
      await rollups.decisionsReplaced(refundId, refund.reasonCategory, decisions);
      await replaceRefundDecisions(this.db, refundId, decisions);
    }
    await rollups.flush();
    // the webhooks of the customer-visible changes, in this transaction (webhooks/outbox.ts)
    await writeOutboxFor(this.db, changes, movements);
  }

  async lockedUser(id: string): Promise<StaffUser | undefined> {
    // SQLite: the command's BEGIN IMMEDIATE already holds the only write lock
    const lock = this.engine === 'postgres' ? sql`for update` : sql``;
    const { rows } = await sql<Row>`select * from "users" where "id" = ${id} ${lock}`.execute(this.db);
    return rows.length > 0 ? fromRow('users', rows[0]) : undefined;
  }

  async mostUrgentClaimable(eligible: ClaimableConditions): Promise<RefundRequest | undefined> {
    if (eligible.languages.length === 0) return undefined;
    const lock = this.engine === 'postgres' ? sql`for update skip locked` : sql``;
    const languages = sql.join(eligible.languages.map((l) => sql`${l}`));
    // without `senior`: neither tipping nor over the second-approval threshold (reviewerRouting.ts)
    const skill = eligible.notSenior
      ? sql`and not "tipping" and "refundableFen" <= ${eligible.notSenior.maxRefundableFen}`
      : sql``;
    // SQLite's planner, from its statistics, may prefer the assignee index and sort every
    // unassigned request; the partial index holds exactly the claimable ones, in this order
    const index = this.engine === 'sqlite' ? sql`indexed by "refundsClaimable"` : sql``;
    const { rows } = await sql<Row>`select * from "refunds" ${index}
      where "status" = 'pending' and "assigneeId" is null
      and "customerLocale" in (${languages}) ${skill}
      order by "slaDueAt", "submittedAt", "id" limit 1 ${lock}`.execute(this.db);
    return rows.length > 0 ? fromRow('refunds', rows[0]) : undefined;
  }
}

function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '40001' || code === '40P01';
}

export class SqlDesk extends SqlReader implements Desk {
  readonly engine: Engine;

  /** `ids`: where PostgreSQL hands out ids (DatabaseHandle.ids); the same database, another pool */
  constructor(
    db: Kysely<Database>,
    private readonly ids: Kysely<Database> = db,
  ) {
    super(db);
    this.engine = engineOf(db);
  }

  command<T>(work: (tx: DeskWriter) => Promise<T>): Promise<T> {
    return this.engine === 'sqlite' ? this.sqliteCommand(work) : this.postgresCommand(work);
  }

  private sqliteCommand<T>(work: (tx: DeskWriter) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(new SqlWriter(connection, 'sqlite', this.ids, this.knownPolicies));
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
  }

  private async postgresCommand<T>(work: (tx: DeskWriter) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db
          .transaction()
          .setIsolationLevel('serializable')
          .execute((trx) => work(new SqlWriter(trx, 'postgres', this.ids, this.knownPolicies)));
      } catch (error) {
        if (!isSerializationFailure(error) || attempt >= SERIALIZATION_ATTEMPTS) throw error;
        // a short random pause, growing with each try, so the transactions that collided do not collide again
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
      }
    }
  }

  async exclusively<T>(name: string, work: () => Promise<T>): Promise<T | null> {
    // SQLite: each timed change is its own command that re-reads its record under the write lock
    // and applies only if still due, so two processes sweeping together move each record once.
    if (this.engine === 'sqlite') return work();
    return this.db.connection().execute(async (connection) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(hashtext(${name})) as "locked"`.execute(connection);
      if (!rows[0]?.locked) return null;
      try {
        return await work();
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection);
      }
    });
  }
}

/**
 * The database as a command's transaction sees it, for tables outside the desk's collections (the
 * platform's intakes, db/platformTables.ts) written in the same transaction as the records.
 */
export function transactionDb(tx: DeskWriter): Kysely<Database> {
  if (!(tx instanceof SqlWriter)) throw new Error('Not a transaction of the SQL desk.');
  return tx.transactionDb;
}
