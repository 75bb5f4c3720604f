// What a refusal about a complaint may say to whom: a refusal names a complaint only to a caller
// who may read it (canReadComplaint), and tells anyone else what to do instead.
import type { RefundRequest } from './model';
import { canReadComplaint, type ComplaintAudience } from './permissions';
import type { Actor } from './refundWorkflow';

export interface AlreadyOpenRefusal {
  ok: false;
  status: 409;
  message: string;
  /** none: the refusal is about the request, not a field of the body */
  errors?: undefined;
  /** the open complaint, for a caller who may read it */
  existingComplaintId?: string;
}

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
    return {
      ok: false,
      status: 409,
      message: 'A complaint about this request is already open; a supervisor handles it.',
    };
  }
  return {
    ok: false,
    status: 409,
    message: `Complaint ${active.id} is already open on this refund request; add to that one instead of opening a second.`,
    existingComplaintId: active.id,
  };
}
