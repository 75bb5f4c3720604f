// The access-control route table's shapes (accessControlKit.ts and the part-11 routes beside it).
import type { Action, Resource } from '../../src/domain/permissions';

export type Permission =
  | { resource: Resource; action: Action }
  /** no token needed; the token, good or bad, changes nothing */
  | 'public'
  /** any signed-in user, no permission-table entry */
  | 'signed-in'
  /** the method is refused for everyone (405) once signed in */
  | 'not-allowed'
  /** the platform API: a platform key only, so every staff token, good or bad, is a 401 */
  | 'platform-key';

export interface RouteCase {
  /** the route as Express registers it: "POST /api/refunds/:id/claim", "ALL /api/users/:id" */
  registered: string;
  method: string;
  url: () => string;
  permission: Permission;
  body?: unknown;
  /** the status when the role may: chosen so nothing changes (bodies fail validation, ids are real) */
  allowed: number;
}
