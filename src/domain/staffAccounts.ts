// Staff accounts as an administrator manages them: the body of a new account (username, name, role,
// initial password), a role change, deactivation and reactivation, and which requests a
// deactivation hands back to the queue. Pure: the API (mock-api/routes/users.ts) reads the users
// and requests these rules need and writes what they answer, in one transaction.
import { z } from 'zod';
import { LOCALES, REVIEWER_SKILLS, ROLES, type RefundRequest, type Role, type StaffUser } from './model';
import { DEFAULT_REVIEWER_CAP, MAX_REVIEWER_CAP } from './reviewerRouting';
import { fieldCode, fieldsRefusal, refusal, type Refusal } from './refusal';
import { REFUND_ROLES } from './refundWorkflowRoles';
import { fieldRefusals } from './validation';
import { mayMarkAway, type Viewer } from './permissions';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const FULL_NAME_MAX = 100;

const version = z
  .number({ error: fieldCode('version_required') })
  .int({ error: fieldCode('version_whole') })
  .nonnegative({ error: fieldCode('version_negative') });

const role = z.enum(ROLES, { error: fieldCode('user_role_unknown', { roles: [...ROLES] }) });

export const newUserSchema = z
  .object({
    username: z
      .string({ error: fieldCode('username_invalid') })
      .trim()
      .regex(USERNAME_PATTERN, { error: fieldCode('username_invalid') }),
    fullName: z
      .string({ error: fieldCode('full_name_required') })
      .trim()
      .min(1, { error: fieldCode('full_name_required') })
      .max(FULL_NAME_MAX, { error: fieldCode('full_name_too_long', { max: FULL_NAME_MAX }) }),
    role,
    password: z
      .string({ error: fieldCode('password_too_short', { min: PASSWORD_MIN }) })
      .min(PASSWORD_MIN, { error: fieldCode('password_too_short', { min: PASSWORD_MIN }) })
      .max(PASSWORD_MAX, { error: fieldCode('password_too_long', { max: PASSWORD_MAX }) }),
  })
  .strict()
  .superRefine((body, issues) => {
    if (body.password.toLowerCase().includes(body.username.toLowerCase())) {
      issues.addIssue({ code: 'custom', path: ['password'], message: fieldCode('password_has_username') });
    }
  });
export type NewUser = z.output<typeof newUserSchema>;

export const roleChangeSchema = z.object({ version, role }).strict();
export const awayChangeSchema = z
  .object({ version, away: z.boolean({ error: fieldCode('user_away_flag_invalid') }) })
  .strict();
export const statusChangeSchema = z.object({ version }).strict();

const languagesInvalid = fieldCode('reviewer_languages_invalid', { languages: [...LOCALES] });
const skillsInvalid = fieldCode('reviewer_skills_invalid', { skills: [...REVIEWER_SKILLS] });
const capInvalid = fieldCode('claim_cap_invalid', { max: MAX_REVIEWER_CAP, default: DEFAULT_REVIEWER_CAP });

/** Who the account reads, what it may take and how many it may hold (reviewerRouting.ts). */
export const routingChangeSchema = z
  .object({
    version,
    languages: z
      .array(z.enum(LOCALES, { error: languagesInvalid }), { error: languagesInvalid })
      .max(LOCALES.length, { error: languagesInvalid })
      .transform((ls) => [...new Set(ls)]),
    skills: z
      .array(z.enum(REVIEWER_SKILLS, { error: skillsInvalid }), { error: skillsInvalid })
      .transform((ss) => [...new Set(ss)]),
    claimCap: z
      .number({
        error: capInvalid,
      })
      .int({
        error: capInvalid,
      })
      .min(0, {
        error: capInvalid,
      })
      .max(MAX_REVIEWER_CAP, {
        error: capInvalid,
      })
      .nullable(),
  })
  .strict();
export type RoutingChange = z.output<typeof routingChangeSchema>;

export type Parsed<T> = { ok: true; body: T } | Refusal<422>;

function parse<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, body: result.data } : fieldsRefusal(fieldRefusals(result.error));
}

export const parseNewUser = (raw: unknown) => parse(newUserSchema, raw);
export const parseRoleChange = (raw: unknown) => parse(roleChangeSchema, raw);
export const parseStatusChange = (raw: unknown) => parse(statusChangeSchema, raw);
export const parseRoutingChange = (raw: unknown) => parse(routingChangeSchema, raw);
export const parseAwayChange = (raw: unknown) => parse(awayChangeSchema, raw);

/** A username already taken (any account, active or not: usernames are never reused). */
export function duplicateUsername(username: string): Refusal<422> {
  return fieldsRefusal({ username: { code: 'username_taken', params: { username } } });
}

/** A user record as the API keeps it: a version for the versioned writes below. */
export type ManagedUser = StaffUser & { version?: number };

function activeAdmins(users: readonly StaffUser[]): StaffUser[] {
  return users.filter((u) => u.role === 'admin' && u.active);
}

function versionConflict(user: ManagedUser, expected: number): Refusal<409> | null {
  return (user.version ?? 1) !== expected
    ? refusal(409, 'user_version_conflict', { username: user.username })
    : null;
}

/**
 * Whether `actorId` may give `user` the role `next`: an admin does not change their own role (they
 * would lock themselves out), and the last active admin stays one.
 */
export function roleChangeRefusal(
  actorId: string,
  user: ManagedUser,
  next: Role,
  expectedVersion: number,
  users: readonly StaffUser[],
): Refusal<403 | 409> | null {
  if (user.id === actorId) return refusal(403, 'user_own_role');
  const stale = versionConflict(user, expectedVersion);
  if (stale) return stale;
  if (user.role === 'admin' && next !== 'admin' && user.active && activeAdmins(users).length <= 1) {
    return refusal(409, 'user_last_admin');
  }
  return null;
}

/** Whether `actorId` may deactivate `user`: never themself, never the last active admin. */
export function deactivationRefusal(
  actorId: string,
  user: ManagedUser,
  expectedVersion: number,
  users: readonly StaffUser[],
): Refusal<403 | 409> | null {
  if (user.id === actorId) return refusal(403, 'user_deactivate_self');
  const stale = versionConflict(user, expectedVersion);
  if (stale) return stale;
  if (!user.active) return refusal(409, 'user_already_inactive', { username: user.username });
  if (user.role === 'admin' && activeAdmins(users).length <= 1) return refusal(409, 'user_last_admin');
  return null;
}

/** A routing change is written only over the account as its sender saw it. */
export function routingChangeRefusal(user: ManagedUser, expectedVersion: number): Refusal<409> | null {
  return versionConflict(user, expectedVersion);
}

export function reactivationRefusal(user: ManagedUser, expectedVersion: number): Refusal<409> | null {
  const stale = versionConflict(user, expectedVersion);
  if (stale) return stale;
  return user.active ? refusal(409, 'user_already_active', { username: user.username }) : null;
}

/** Whether `actor` may mark `user` away or back at all (permissions.ts mayMarkAway). */
export function awayPermissionRefusal(actor: Viewer, user: ManagedUser): Refusal<403> | null {
  return mayMarkAway(actor, user) ? null : refusal(403, 'user_away_not_allowed', { username: user.username });
}

/**
 * An away change is written over the version its sender saw, on an active account (only accounts
 * that hold claims get this far: the permission table's users: away and mayMarkAway).
 */
export function awayChangeRefusal(user: ManagedUser, expectedVersion: number): Refusal<409> | null {
  const stale = versionConflict(user, expectedVersion);
  if (stale) return stale;
  if (!user.active) return refusal(409, 'user_away_inactive', { username: user.username });
  return null;
}

/** The account's away fields after a change: since when it has been away, kept while it stays away. */
export function awayFields(
  user: StaffUser,
  away: boolean,
  nowIso: string,
): Pick<StaffUser, 'away' | 'awaySince'> {
  if (!away) return { away: false, awaySince: null };
  return { away: true, awaySince: user.away === true && user.awaySince ? user.awaySince : nowIso };
}

/** The statuses in which a request is held by its assignee (claimed, or assigned and not yet opened). */
export const CLAIMED_STATUSES = ['pending', 'in_review'] as const;

/** The requests a deactivation of `userId` hands back to the queue (release_inactive each). */
export function claimsOf(userId: string, requests: readonly RefundRequest[]): RefundRequest[] {
  return requests.filter(
    (r) => r.assigneeId === userId && (CLAIMED_STATUSES as readonly string[]).includes(r.status),
  );
}

/** Whether an account in `role` keeps the requests it holds (only those who may claim do). */
export function keepsClaims(role: Role): boolean {
  return (REFUND_ROLES.claim as readonly Role[]).includes(role);
}

/** The account as it is after a change: its version moved on. */
export function changedUser(user: ManagedUser, next: Partial<StaffUser>): ManagedUser {
  return { ...user, ...next, version: (user.version ?? 1) + 1 };
}
