// Which staff role may ask for each staff action of the refund table: the rows of
// refundWorkflowTable.ts name their `roles` from here, and the permission table's refund part reads
// the same list. Its own file, free of zod and the rules, because permissions.ts is on the queue's
// first page (react-admin's canAccess): importing the table there would carry the whole workflow.
import type { Role } from './model';

export const DECIDERS = ['reviewer', 'supervisor'] as const;
export const SUPERVISORS = ['supervisor'] as const;

export const REFUND_ROLES = {
  claim: DECIDERS,
  release: DECIDERS,
  approve: DECIDERS,
  reject: DECIDERS,
  request_info: DECIDERS,
  /** staff record a reply the customer gave by phone (the customer sends their own) */
  customer_reply: DECIDERS,
  second_approval: SUPERVISORS,
  override: SUPERVISORS,
  reassign: SUPERVISORS,
  /** through a complaint's resolution: whoever may resolve complaints */
  overturn: SUPERVISORS,
} as const satisfies Record<string, readonly Role[]>;

/** A refund action staff ask for (the system's own are info_timeout and payout). */
export type RefundStaffAction = keyof typeof REFUND_ROLES;

/** The refund actions a role may ask for, in the table's order. */
export function refundActionsFor(role: Role): RefundStaffAction[] {
  return (Object.keys(REFUND_ROLES) as RefundStaffAction[]).filter((action) =>
    (REFUND_ROLES[action] as readonly Role[]).includes(role),
  );
}
