// One permission table, read by authProvider.canAccess in the browser and by the mock API's role guard.
import type { Role } from './model';
import type { RefundAction } from './refundWorkflowBodies';
import { refundActionsFor } from './refundWorkflowRoles';
import { complaintActionsFor, type ComplaintStaffAction } from './complaintWorkflowRoles';

export const RESOURCES = [
  'refunds',
  'complaints',
  'events',
  'users',
  'customers',
  'orders',
  'metrics',
  'notes',
  'platform-clients',
  'coin-movements',
  'webhook-endpoints',
  'webhook-deliveries',
  'sla-settings',
  'assignment-settings',
  'policies',
] as const;
export type Resource = (typeof RESOURCES)[number];

/** react-admin's own actions, and the desk's actions outside the workflow tables. */
type PlainAction =
  | 'list'
  | 'show'
  | 'edit'
  | 'create'
  | 'delete'
  | 'export'
  | 'claim_next'
  | 'note'
  | 'read'
  | 'revoke'
  | 'redeliver'
  | 'away'
  | 'simulate';

export type Action = PlainAction | RefundAction | ComplaintStaffAction;

const READ: Action[] = ['list', 'show', 'export'];

/** The refund actions a role may ask for: the refund workflow's table says, action by action. */
const refundRights = (role: Role): readonly Action[] => refundActionsFor(role);

/**
 * resource → role → allowed actions. Anything absent is refused. Refund requests have no plain
 * edit: they change through the workflow actions only, and internal notes are separate records
 * (`refunds: note` adds one; `notes` reads them) that anyone who may read requests may add.
 */
export const PERMISSION_TABLE: Record<Resource, Record<Role, readonly Action[]>> = {
  refunds: {
    reviewer: [...READ, 'note', 'claim_next', ...refundRights('reviewer')],
    supervisor: [...READ, 'note', ...refundRights('supervisor')],
    manager: [...READ, 'note', ...refundRights('manager')],
    // admins run the desk's staff and connections, not its cases
    admin: [],
  },
  // the workflow actions are the complaint table's roles (complaintWorkflowRoles.ts)
  complaints: {
    // reviewers see complaints (the list is narrowed to their own requests) and log phone complaints
    reviewer: ['list', 'show', 'create', ...complaintActionsFor('reviewer')],
    supervisor: [...READ, 'create', ...complaintActionsFor('supervisor')],
    manager: [...READ, ...complaintActionsFor('manager')],
    admin: [],
  },
  events: { reviewer: ['list', 'show'], supervisor: READ, manager: READ, admin: [] },
  // away mode belongs to those who hold claims; mayMarkAway below says whose account
  users: {
    reviewer: ['list', 'show', 'away'],
    supervisor: ['list', 'show', 'away'],
    manager: ['list', 'show'],
    admin: ['list', 'show', 'create', 'edit'],
  },
  customers: { reviewer: ['list', 'show'], supervisor: READ, manager: READ, admin: [] },
  orders: { reviewer: ['list', 'show'], supervisor: READ, manager: READ, admin: [] },
  metrics: { reviewer: ['read'], supervisor: ['read'], manager: ['read'], admin: [] },
  // never edited or deleted: a note is added through its request (refunds: note)
  notes: { reviewer: ['list', 'show'], supervisor: ['list', 'show'], manager: ['list', 'show'], admin: [] },
  // the platform's keys (the wallet's), managed by admins only
  'platform-clients': {
    reviewer: [],
    supervisor: [],
    manager: [],
    admin: ['list', 'show', 'create', 'revoke'],
  },
  // the coin ledger: written only with the request's changes (mock-api/coinLedger.ts)
  'coin-movements': {
    reviewer: ['list', 'show'],
    supervisor: ['list', 'show'],
    manager: ['list', 'show'],
    admin: [],
  },
  // webhooks are the admin's: endpoints (a secret shown once) and what was delivered to them
  'webhook-endpoints': {
    reviewer: [],
    supervisor: [],
    manager: [],
    admin: ['list', 'show', 'create', 'delete'],
  },
  'webhook-deliveries': { reviewer: [], supervisor: [], manager: [], admin: ['list', 'show', 'redeliver'] },
  // the working-hours calendar and targets: everyone's countdowns read them, admins change them
  'sla-settings': {
    reviewer: ['show'],
    supervisor: ['show'],
    manager: ['show'],
    admin: ['show', 'edit'],
  },
  // automatic assignment: the queue tells everyone whether it is on; supervisors run the desk's
  // flow of work and switch it, admins too
  'assignment-settings': {
    reviewer: ['show'],
    supervisor: ['show', 'edit'],
    manager: ['show'],
    admin: ['show', 'edit'],
  },
  // the policy's versions: everyone reads the one that judged a request; managers, who shape the
  // policy, and admins, who publish it, replay history under a proposal; only admins publish
  policies: {
    reviewer: ['list', 'show'],
    supervisor: ['list', 'show'],
    manager: ['list', 'show', 'simulate'],
    admin: ['list', 'show', 'create', 'simulate'],
  },
};

export interface AccessQuery {
  resource: string;
  action: string;
}

export function isResource(value: string): value is Resource {
  return (RESOURCES as readonly string[]).includes(value);
}

export function canAccess(role: Role | null | undefined, { resource, action }: AccessQuery): boolean {
  if (!role || !isResource(resource)) return false;
  const allowed = PERMISSION_TABLE[resource][role] as readonly string[] | undefined;
  return allowed?.includes(action) ?? false;
}

/** The dashboard page: managers and supervisors get the full dashboard, reviewers a personal card. */
export function seesFullDashboard(role: Role | null | undefined): boolean {
  return role === 'manager' || role === 'supervisor';
}

// ---------------------------------------------------------------------------------------------
// What a staff member may read and select. The list, the show route, the refusals and the metrics
// all ask these, so a refusal never names a record its reader could not open.

export interface Viewer {
  id: string;
  role: Role;
}

/**
 * Who may mark an account away or back (POST /api/users/:id/away): its owner, or a supervisor
 * for a reviewer (whose claims then go back to the queue).
 */
export function mayMarkAway(viewer: Viewer, account: Viewer): boolean {
  return viewer.id === account.id || (viewer.role === 'supervisor' && account.role === 'reviewer');
}

/** The collections whose reads the rule below narrows; every other one is read whole. */
export const NARROWED_READS = ['complaints', 'events'] as const;

/**
 * Whether a viewer's reads of a collection are narrowed record by record (canReadComplaint,
 * canReadEvent): a reviewer's reads of complaints and their events. The list's SQL condition and
 * the show route's check (mock-api/visibility.ts) start from this answer.
 */
export function readsAreNarrowed(
  viewer: Viewer,
  resource: string,
): resource is (typeof NARROWED_READS)[number] {
  return viewer.role === 'reviewer' && (NARROWED_READS as readonly string[]).includes(resource);
}

/** The parts of a complaint and of its refund request that decide who may read it. */
export interface ComplaintAudience {
  originalDecision: { reviewerId: string | null } | null;
}
export interface RefundAudience {
  assigneeId: string | null;
  decision: { by: string } | null;
}

/**
 * Reviewers read the complaints about their own requests only: those they decided (then or now)
 * or hold. Supervisors and managers read every complaint.
 */
export function canReadComplaint(
  viewer: Viewer,
  complaint: ComplaintAudience,
  refund: RefundAudience | undefined,
): boolean {
  if (viewer.role !== 'reviewer') return true;
  return (
    complaint.originalDecision?.reviewerId === viewer.id ||
    refund?.assigneeId === viewer.id ||
    refund?.decision?.by === viewer.id
  );
}

/**
 * An audit event is readable unless it belongs to a complaint its reader may not read (the
 * complaint and its request are looked up by the caller; a missing complaint hides the event).
 */
export function canReadEvent(
  viewer: Viewer,
  event: { complaintId: string | null },
  complaint: ComplaintAudience | undefined,
  refund: RefundAudience | undefined,
): boolean {
  if (viewer.role !== 'reviewer' || !event.complaintId) return true;
  return complaint !== undefined && canReadComplaint(viewer, complaint, refund);
}

/**
 * Whether a viewer may select records by a staff member (a list filter by assignee, approver,
 * decider or actor; the metrics' reviewerId). Reviewers see their own figures only, so they may
 * select by themselves or by nobody (null: unassigned, the system); supervisors and managers by anyone.
 */
export function maySelectByStaff(viewer: Viewer, staffId: string | null): boolean {
  return viewer.role !== 'reviewer' || staffId === null || staffId === viewer.id;
}

/**
 * Whose decision figures a viewer reads when they name nobody: a reviewer always their own (the
 * metrics and the list's `decided` filter), anyone else the whole team (undefined).
 */
export function ownFiguresOnly(viewer: Viewer): string | undefined {
  return viewer.role === 'reviewer' ? viewer.id : undefined;
}
