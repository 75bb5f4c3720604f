// Which reviewer may take which request (issue 17 item 5): a request in a customer's language goes
// to a reviewer who reads it, and one that needs a second approval (tipping, a large amount) to a
// `senior` reviewer; and how many requests one reviewer may hold before claim-next refuses. Pure:
// the API turns `claimableBy` into the claim-next query's conditions, so the query and `isEligible`
// cannot disagree (test/domain/reviewerRouting.test.ts checks the two against each other).
import { FIRST_POLICY_PARAMETERS } from './policyVersions';
import { LOCALES, type Locale, type RefundRequest, type ReviewerSkill, type StaffUser } from './model';
import { needsSecondApproval, SECOND_APPROVAL_THRESHOLD_FEN } from './refundPolicy';
import { refusal, type Refusal } from './refusal';

export { REVIEWER_SKILLS, type ReviewerSkill } from './model';

/** How many requests a reviewer holds at most when an administrator set no cap of their own. */
export const DEFAULT_REVIEWER_CAP = 10;
/** The highest cap an administrator may set (a cap is a limit, not a way round one). */
export const MAX_REVIEWER_CAP = 1000;

export interface ReviewerProfile {
  languages: readonly Locale[];
  skills: readonly ReviewerSkill[];
}

/** What of a request routing looks at. */
export type RoutedRequest = Pick<RefundRequest, 'customerLocale' | 'tipping' | 'refundableFen'>;

/**
 * The routing profile of an account. An account no administrator has routed yet (stored before
 * migration 016) reads every language, as claim-next let it before, and has no skill.
 */
export function reviewerProfileOf(user: Pick<StaffUser, 'languages' | 'skills'>): ReviewerProfile {
  return { languages: user.languages ?? LOCALES, skills: user.skills ?? [] };
}

/** The cap that applies to `user`: their own, or the default. */
export function claimCapOf(user: Pick<StaffUser, 'claimCap'>): number {
  return user.claimCap ?? DEFAULT_REVIEWER_CAP;
}

/**
 * `senior` for what needs a second approval: tipping, or an amount over the four-eyes threshold.
 * Before a decision the amount is not known, so the most the request could pay (refundableFen)
 * decides.
 */
export function requiredSkills(request: RoutedRequest): ReviewerSkill[] {
  // routing is a staffing rule, kept on the first policy version's threshold (with claimableBy's
  // query): versions change four eyes (fourEyes.ts), not yet who may take a request
  return needsSecondApproval(request.refundableFen, request.tipping, FIRST_POLICY_PARAMETERS)
    ? ['senior']
    : [];
}

/** The customer's language (every request carries it), or null on a record without one. */
export function requiredLanguage(request: Partial<RoutedRequest>): Locale | null {
  return request.customerLocale ?? null;
}

export function isEligible(reviewer: ReviewerProfile, request: RoutedRequest): boolean {
  const language = requiredLanguage(request);
  if (language !== null && !reviewer.languages.includes(language)) return false;
  return requiredSkills(request).every((skill) => reviewer.skills.includes(skill));
}

/** Whether a reviewer holding `held` requests may claim no more. */
export function capReached(held: number, cap: number): boolean {
  return held >= cap;
}

/** Whether the account is marked away (accounts stored before away mode are not). */
export const isAway = (user: Pick<StaffUser, 'away'>): boolean => user.away === true;

/** claim-next's refusal to a reviewer who is marked away: the queue hands them nothing. */
export function awayRefusal(user: Pick<StaffUser, 'away'>): Refusal<409> | null {
  return isAway(user) ? refusal(409, 'reviewer_away') : null;
}

/** claim-next's refusal to a reviewer holding `held` requests against a cap of `cap`, or null. */
export function claimCapRefusal(held: number, cap: number): Refusal<409> | null {
  return capReached(held, cap) ? refusal(409, 'claim_cap_reached', { held, cap }) : null;
}

/** How a request comes to a reviewer other than by claim-next: they claim it, or a supervisor reassigns it. */
export type DirectAssignment = 'claim' | 'reassign';

/**
 * The routing rules for a request a reviewer takes directly or is given (claim-next applies the
 * same in its query): a reviewer claiming it must not be away; either way they must be eligible
 * for it and under their cap (`held` counts what they hold besides it). A supervisor may still give
 * work to an away reviewer (it waits for their return), not to one who cannot read it.
 */
export function directAssignmentRefusal(
  kind: DirectAssignment,
  reviewer: Pick<StaffUser, 'languages' | 'skills' | 'claimCap' | 'away'>,
  held: number,
  request: RoutedRequest,
): Refusal<409> | null {
  if (kind === 'claim') {
    const away = awayRefusal(reviewer);
    if (away) return away;
  }
  if (!isEligible(reviewerProfileOf(reviewer), request)) {
    return refusal(409, kind === 'claim' ? 'claim_not_eligible' : 'assignee_not_eligible', {
      need: {
        code: requiredSkills(request).includes('senior')
          ? 'words.routing_need.senior'
          : 'words.routing_need.language',
        params: {},
      },
    });
  }
  const cap = claimCapOf(reviewer);
  if (!capReached(held, cap)) return null;
  return kind === 'claim' ? claimCapRefusal(held, cap) : refusal(409, 'assignee_cap_reached', { held, cap });
}

/**
 * Whom a supervisor's reassignment offers for a request: supervisors (not routed), and reviewers
 * routing lets take it. Their cap is the server's to check: it counts what each holds.
 */
export function offeredAssignee(
  user: Pick<StaffUser, 'role' | 'languages' | 'skills'>,
  request: RoutedRequest,
): boolean {
  return user.role !== 'reviewer' || isEligible(reviewerProfileOf(user), request);
}

/**
 * The conditions of the requests `reviewer` may claim, as the claim-next query applies them:
 * the customer's language among theirs, and, without `senior`, neither tipping nor over the
 * threshold.
 */
export interface ClaimableConditions {
  languages: readonly Locale[];
  /** set when the reviewer is not senior: the requests they may take pay at most this much */
  notSenior: { maxRefundableFen: number } | null;
}

export function claimableBy(reviewer: ReviewerProfile): ClaimableConditions {
  return {
    languages: [...reviewer.languages],
    notSenior: reviewer.skills.includes('senior')
      ? null
      : { maxRefundableFen: SECOND_APPROVAL_THRESHOLD_FEN },
  };
}

/** `conditions` applied to one request, as the SQL applies them to the queue. */
export function meetsConditions(conditions: ClaimableConditions, request: RoutedRequest): boolean {
  if (!conditions.languages.includes(request.customerLocale)) return false;
  const cap = conditions.notSenior;
  return cap === null || (!request.tipping && request.refundableFen <= cap.maxRefundableFen);
}
