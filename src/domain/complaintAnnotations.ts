// Complaint actions that only annotate: an internal note is an authored, audited entry appended to
// the complaint's timeline, and changes nothing anyone decides on. So it neither asks for nor bumps
// the complaint's version: a colleague's note can never void the holder's resolution with a 409.
// (Logging a contact is not one: it moves the complaint to or from "waiting for the customer".)
export const COMPLAINT_ANNOTATIONS = ['note'] as const;
export type ComplaintAnnotation = (typeof COMPLAINT_ANNOTATIONS)[number];

export function isComplaintAnnotation(action: unknown): action is ComplaintAnnotation {
  return (COMPLAINT_ANNOTATIONS as readonly unknown[]).includes(action);
}
