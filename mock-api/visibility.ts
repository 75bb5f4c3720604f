// Which stored records a caller may read, by the rule in src/domain/permissions.ts
// (readsAreNarrowed, canReadComplaint, canReadEvent): the show route and the refusals ask
// `isReadable` with the records the rule needs looked up; the list asks `readableCondition`, the
// same rule as one SQL condition (test/db/readVisibility.test.ts holds the two to the pure rule's
// answers on generated records, on both engines).
import { sql, type SqlBool } from 'kysely';
import type { AuditEvent, Complaint } from '../src/domain/model';
import { canReadComplaint, canReadEvent, readsAreNarrowed, type Viewer } from '../src/domain/permissions';
import type { Condition } from './db/computedFilters';
import type { DeskReader } from './deskData';

export async function canReadStoredComplaint(
  data: DeskReader,
  viewer: Viewer,
  complaint: Complaint,
): Promise<boolean> {
  return canReadComplaint(viewer, complaint, await data.get('refunds', complaint.refundId));
}

export async function isReadable(
  data: DeskReader,
  viewer: Viewer,
  resource: string,
  record: { id: string },
): Promise<boolean> {
  if (!readsAreNarrowed(viewer, resource)) return true;
  if (resource === 'complaints') return canReadStoredComplaint(data, viewer, record as Complaint);
  const event = record as AuditEvent;
  const complaint = event.complaintId ? await data.get('complaints', event.complaintId) : undefined;
  const refund = complaint && (await data.get('refunds', complaint.refundId));
  return canReadEvent(viewer, event, complaint, refund);
}

/** canReadComplaint for the complaint row `complaint` (a table alias), as SQL. */
function complaintReadableBy(viewerId: string, complaint: string): Condition {
  const c = (column: string) => sql.ref(`${complaint}.${column}`);
  return sql<SqlBool>`(${c('originalReviewerId')} = ${viewerId} or exists (
    select 1 from "refunds" as "audience" where "audience"."id" = ${c('refundId')}
      and ("audience"."assigneeId" = ${viewerId} or "audience"."decisionBy" = ${viewerId})))`;
}

/** The list's visibility condition; undefined when the caller reads the whole collection. */
export function readableCondition(viewer: Viewer, resource: string): Condition | undefined {
  if (!readsAreNarrowed(viewer, resource)) return undefined;
  if (resource === 'complaints') return complaintReadableBy(viewer.id, 'complaints');
  return sql<SqlBool>`("events"."complaintId" is null or exists (
      select 1 from "complaints" as "subject" where "subject"."id" = "events"."complaintId"
        and ${complaintReadableBy(viewer.id, 'subject')}))`;
}
