// List filters that select by a staff member (an assignee, an approver, a decider, an actor) obey
// the rule the metrics obey (maySelectByStaff): a reviewer counts only their own work.
import { maySelectByStaff, type Viewer } from '../src/domain/permissions';
import { refuse } from './http';

/** filter name → the staff ids its value selects (null for nobody); anything else is left to validation */
export type StaffSelectors = Record<string, (value: unknown) => unknown[]>;

/** 403 other_staff_figures when the filter selects by a staff member the viewer may not count. */
export function refuseOtherStaff(
  selectors: StaffSelectors | undefined,
  nullAliases: readonly string[] | undefined,
  filter: Record<string, unknown>,
  viewer: Viewer,
): void {
  if (!selectors) return;
  for (const [key, value] of Object.entries(filter)) {
    const selects = Object.hasOwn(selectors, key) ? selectors[key] : null;
    if (!selects || value === undefined) continue;
    for (const id of selects(value)) {
      const staffId = typeof id === 'string' && !nullAliases?.includes(id) ? id : null;
      if (!maySelectByStaff(viewer, staffId)) {
        throw refuse(403, 'other_staff_figures', { parameter: key });
      }
    }
  }
}
