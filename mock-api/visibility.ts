// Which stored records a caller may read, by the rule in src/domain/permissions.ts with the
// records it needs looked up: the list (a predicate), the show route and the refusals ask here.
import type { AuditEvent, Complaint } from '../src/domain/model';
import { canReadComplaint, canReadEvent, type Viewer } from '../src/domain/permissions';
import type { Store } from './store';

export function canReadStoredComplaint(store: Store, viewer: Viewer, complaint: Complaint): boolean {
  return canReadComplaint(viewer, complaint, store.get('refunds', complaint.refundId));
}

export function isReadable(store: Store, viewer: Viewer, resource: string, record: { id: string }): boolean {
  if (resource === 'complaints') return canReadStoredComplaint(store, viewer, record as Complaint);
  if (resource === 'events') {
    const event = record as AuditEvent;
    const complaint = event.complaintId ? store.get('complaints', event.complaintId) : undefined;
    return canReadEvent(viewer, event, complaint, complaint && store.get('refunds', complaint.refundId));
  }
  return true;
}

/** The list's visibility predicate; undefined when the caller reads the whole collection. */
export function readableFilter(
  store: Store,
  viewer: Viewer,
  resource: string,
): ((record: { id: string }) => boolean) | undefined {
  if (viewer.role !== 'reviewer' || (resource !== 'complaints' && resource !== 'events')) return undefined;
  return (record) => isReadable(store, viewer, resource, record);
}
