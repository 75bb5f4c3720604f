// Complaint actions that only annotate: an internal note is an authored, audited entry appended to
// the complaint's timeline, and changes nothing anyone decides on. So it neither asks for nor bumps
// the complaint's version: a colleague's note can never void the holder's resolution with a 409.
// (Logging a contact is not one: it moves the complaint to or from "waiting for the customer".)
// The table says which actions are annotations (`annotation: true`); this reads it.
import type { ComplaintAction } from './complaintWorkflowBodies';
import { complaintWorkflow } from './complaintWorkflowTable';

export const COMPLAINT_ANNOTATIONS: readonly ComplaintAction[] = complaintWorkflow.actions.filter(
  (action) => complaintWorkflow.spec(action).annotation === true,
);

export function isComplaintAnnotation(action: unknown): boolean {
  return (COMPLAINT_ANNOTATIONS as readonly unknown[]).includes(action);
}
