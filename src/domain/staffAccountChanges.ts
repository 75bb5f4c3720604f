// The audit of staff accounts: what each change an administrator (or the account's own holder, or a
// supervisor for them) made to an account, field by field, so "who made this reviewer senior, and
// when" has an answer. Pure: the API records one entry per account version in the change's own
// transaction (mock-api/staffAccountAudit.ts) and the user page lists them.
import type { StaffUser } from './model';

/** The account's fields a change is recorded for (never the password hash or the version). */
export const AUDITED_ACCOUNT_FIELDS = [
  'username',
  'fullName',
  'role',
  'active',
  'languages',
  'skills',
  'claimCap',
  'away',
] as const satisfies readonly (keyof StaffUser)[];
export type AuditedAccountField = (typeof AUDITED_ACCOUNT_FIELDS)[number];

/** A field's value as recorded: null where the account keeps none (the default applies). */
export type AccountFieldValue = string | number | boolean | string[] | null;

export interface AccountFieldChange {
  field: AuditedAccountField;
  /** null for a new account's fields */
  from: AccountFieldValue;
  to: AccountFieldValue;
}

/** One recorded change: the account's version it produced, who made it, and what it changed. */
export interface StaffAccountChange {
  userId: string;
  version: number;
  changedBy: string;
  changedAt: string;
  fields: AccountFieldChange[];
  /** the requests the change handed back to the queue (a deactivation, a role that may not claim) */
  releasedRefundIds: string[];
}

function valueOf(user: StaffUser, field: AuditedAccountField): AccountFieldValue {
  const value = user[field];
  if (value === undefined) return null;
  return Array.isArray(value) ? [...value].sort() : value;
}

const same = (a: AccountFieldValue, b: AccountFieldValue): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/**
 * The fields `next` changes from `was`, in the order above; every field a new account has when
 * `was` is null. Lists are compared as sets (an admin's reordering changes nothing).
 */
export function accountFieldChanges(was: StaffUser | null, next: StaffUser): AccountFieldChange[] {
  const changes: AccountFieldChange[] = [];
  for (const field of AUDITED_ACCOUNT_FIELDS) {
    const from = was ? valueOf(was, field) : null;
    const to = valueOf(next, field);
    if (was === null ? to !== null : !same(from, to)) changes.push({ field, from, to });
  }
  return changes;
}
