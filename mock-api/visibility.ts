// Which stored records a caller may read, by the rule in src/domain/permissions.ts: the show route
// and the refusals ask `isReadable` with the records the rule needs looked up; the list asks
// `readableCondition`, the same rule as one SQL condition (test/mock-api/accessControl.test.ts
// holds the two to the same answers).
import { sql, type SqlBool } from 'kysely';
import type { AuditEvent, Complaint } from '../src/domain/model';
import { canReadComplaint, canReadEvent, type Viewer } from '../src/domain/permissions';
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
  if (resource === 'complaints') return canReadStoredComplaint(data, viewer, record as Complaint);
  if (resource === 'events') {
    const event = record as AuditEvent;
    const complaint = event.complaintId ? await data.get('complaints', event.complaintId) : undefined;
    const refund = complaint && (await data.get('refunds', complaint.refundId));
    return canReadEvent(viewer, event, complaint, refund);
  }
  return true;
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
  if (viewer.role !== 'reviewer') return undefined;
  if (resource === 'complaints') return complaintReadableBy(viewer.id, 'complaints');
  if (resource === 'events') {
    return sql<SqlBool>`("events"."complaintId" is null or exists (
      select 1 from "complaints" as "subject" where "subject"."id" = "events"."complaintId"
        and ${complaintReadableBy(viewer.id, 'subject')}))`;
  }
  return undefined;
}
