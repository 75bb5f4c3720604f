// Which staff role may ask for each staff action of the complaint table: the rows of
// complaintWorkflowTable.ts name their `roles` from here, and the permission table's complaint part
// reads the same list. Its own file because permissions.ts must read it without importing the
// table: the table's resolution imports the refund workflow (overturnBlock), which imports
// permissions.ts today.
import type { Role } from './model';

const SUPERVISOR = ['supervisor'] as const;

export const COMPLAINT_ROLES = {
  assign: SUPERVISOR,
  note: SUPERVISOR,
  contact: SUPERVISOR,
  escalate: SUPERVISOR,
  resolve: SUPERVISOR,
  close: SUPERVISOR,
  reopen: SUPERVISOR,
  second_approval: SUPERVISOR,
} as const satisfies Record<string, readonly Role[]>;

/** A complaint action staff ask for (the system's own are auto_escalate and flag_overdue). */
export type ComplaintStaffAction = keyof typeof COMPLAINT_ROLES;

/** The complaint actions a role may ask for, in the table's order. */
export function complaintActionsFor(role: Role): ComplaintStaffAction[] {
  return (Object.keys(COMPLAINT_ROLES) as ComplaintStaffAction[]).filter((action) =>
    (COMPLAINT_ROLES[action] as readonly Role[]).includes(role),
  );
}

export function isComplaintStaffAction(action: string): action is ComplaintStaffAction {
  return Object.hasOwn(COMPLAINT_ROLES, action);
}
