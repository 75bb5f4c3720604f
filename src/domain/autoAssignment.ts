// Automatic assignment (issue 17 item 5): when a supervisor switches it on, each new request goes
// straight to the least-loaded eligible reviewer on shift instead of waiting for claim-next. Pure:
// the settings' shape and the choice. The API locks every active reviewer's row, then reads their
// loads, in the intake's transaction (mock-api/autoAssignService.ts), so the cap holds however many
// requests arrive at once.
import { z } from 'zod';
import type { StaffUser } from './model';
import { fieldCode, fieldsRefusal, type Refusal } from './refusal';
import {
  capReached,
  claimCapOf,
  isAway,
  isEligible,
  reviewerProfileOf,
  type RoutedRequest,
} from './reviewerRouting';
import { fieldRefusals } from './validation';
import { isWorkingTime, type WorkingCalendar } from './workingCalendar';

export interface AssignmentSettings {
  /** each new request is assigned on arrival (true), or waits in the queue for claim-next (false) */
  automatic: boolean;
}

/** Off until a supervisor switches it on: the queue works as it always has. */
export const DEFAULT_ASSIGNMENT_SETTINGS: AssignmentSettings = { automatic: false };

const assignmentSettingsSchema = z
  .object({ automatic: z.boolean({ error: fieldCode('assignment_automatic_invalid') }) })
  .strict();

export function parseAssignmentSettings(
  body: unknown,
): { ok: true; settings: AssignmentSettings } | Refusal<422> {
  const parsed = assignmentSettingsSchema.safeParse(body);
  if (!parsed.success) return fieldsRefusal(fieldRefusals(parsed.error));
  return { ok: true, settings: parsed.data };
}

/** A staff account as the chooser sees it, with the requests it holds now. */
export type AssignmentCandidate = Pick<
  StaffUser,
  'id' | 'role' | 'active' | 'away' | 'languages' | 'skills' | 'claimCap'
> & { held: number };

/**
 * Whether the desk is on shift at `atMs`: its working-hours calendar is open. Outside working hours
 * nobody is on shift, so a new request waits in the queue for the first reviewer to claim it.
 */
export const deskOnShift = (calendar: WorkingCalendar, atMs: number): boolean =>
  isWorkingTime(calendar, atMs);

/** Whether `candidate` may be handed `request` now: an active reviewer, not away, eligible, under cap. */
export function mayReceive(candidate: AssignmentCandidate, request: RoutedRequest): boolean {
  return (
    candidate.role === 'reviewer' &&
    candidate.active &&
    !isAway(candidate) &&
    isEligible(reviewerProfileOf(candidate), request) &&
    !capReached(candidate.held, claimCapOf(candidate))
  );
}

/**
 * The reviewer to assign `request` to, or null when nobody may receive it: the fewest requests
 * held; between equals, the most room left under their cap; then the smallest id, so the choice is
 * the same on every API process.
 */
export function chooseAssignee(
  candidates: readonly AssignmentCandidate[],
  request: RoutedRequest,
): AssignmentCandidate | null {
  let best: AssignmentCandidate | null = null;
  for (const candidate of candidates) {
    if (!mayReceive(candidate, request)) continue;
    if (best === null || lessLoaded(candidate, best)) best = candidate;
  }
  return best;
}

function lessLoaded(a: AssignmentCandidate, b: AssignmentCandidate): boolean {
  if (a.held !== b.held) return a.held < b.held;
  const room = claimCapOf(a) - a.held - (claimCapOf(b) - b.held);
  if (room !== 0) return room > 0;
  return a.id < b.id;
}
