// What a refusal about a complaint may say to whom: a refusal names a complaint only to a caller
// who may read it (canReadComplaint), and tells anyone else what to do instead.
import type { RefundRequest } from './model';
import { canReadComplaint, type ComplaintAudience } from './permissions';
import type { Actor } from './workflowEngine';
import { refusal, type Refusal } from './refusal';

export type AlreadyOpenRefusal = Refusal<409> & {
  /** the open complaint, for a caller who may read it */
  existingComplaintId?: string;
};

/**
 * The 409 for a second complaint on a request. The customer it is about, a reviewer of the
 * request and a supervisor learn which complaint is open; anyone else, that a supervisor handles it.
 */
export function alreadyOpenRefusal(
  refund: RefundRequest,
  active: ComplaintAudience & { id: string },
  actor: Actor,
): AlreadyOpenRefusal {
  if (actor.kind === 'staff' && !canReadComplaint(actor, active, refund)) {
    return refusal(409, 'complaint_already_open_hidden');
  }
  return {
    ...refusal(409, 'complaint_already_open', { complaintId: active.id }),
    existingComplaintId: active.id,
  };
}
