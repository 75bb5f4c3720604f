// One permission table, read by authProvider.canAccess in the browser and by the mock API's role guard.
import type { Role } from './model';

export const RESOURCES = [
  'refunds',
  'complaints',
  'events',
  'users',
  'customers',
  'orders',
  'metrics',
] as const;
export type Resource = (typeof RESOURCES)[number];

// react-admin's own actions plus the workflow actions of parts 2 and 3.
export type Action =
  | 'list'
  | 'show'
  | 'edit'
  | 'create'
  | 'delete'
  | 'export'
  | 'claim'
  | 'claim_next'
  | 'release'
  | 'approve'
  | 'reject'
  | 'request_info'
  | 'second_approval'
  | 'override'
  | 'customer_reply'
  | 'reassign'
  | 'assign'
  | 'note'
  | 'contact'
  | 'escalate'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'read';

const READ: Action[] = ['list', 'show', 'export'];

/** resource → role → allowed actions. Anything absent is refused. */
export const PERMISSION_TABLE: Record<Resource, Record<Role, readonly Action[]>> = {
  refunds: {
    reviewer: [
      ...READ,
      'edit',
      'claim',
      'claim_next',
      'release',
      'approve',
      'reject',
      'request_info',
      'customer_reply',
    ],
    supervisor: [
      ...READ,
      'edit',
      'claim',
      'release',
      'approve',
      'reject',
      'request_info',
      'second_approval',
      'override',
      'reassign',
      'customer_reply',
    ],
    manager: READ,
  },
  complaints: {
    // reviewers see complaints (the list is narrowed to their own requests) and log phone complaints
    reviewer: ['list', 'show', 'create'],
    supervisor: [
      ...READ,
      'create',
      'assign',
      'note',
      'contact',
      'escalate',
      'resolve',
      'second_approval',
      'close',
      'reopen',
    ],
    manager: READ,
  },
  events: { reviewer: ['list', 'show'], supervisor: READ, manager: READ },
  users: { reviewer: ['list', 'show'], supervisor: ['list', 'show'], manager: ['list', 'show'] },
  customers: { reviewer: ['list', 'show'], supervisor: READ, manager: READ },
  orders: { reviewer: ['list', 'show'], supervisor: READ, manager: READ },
  metrics: { reviewer: ['read'], supervisor: ['read'], manager: ['read'] },
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
