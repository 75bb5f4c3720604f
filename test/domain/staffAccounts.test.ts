// The staff accounts' rules (src/domain/staffAccounts.ts): a new account's body, who may change a
// role or deactivate, and which requests a deactivation hands back.
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import {
  claimsOf,
  deactivationRefusal,
  keepsClaims,
  parseNewUser,
  parseRoleChange,
  reactivationRefusal,
  roleChangeRefusal,
} from '../../src/domain/staffAccounts';
import { makeRequest } from './refundWorkflowFixtures';

const user = (id: string, role: StaffUser['role'], active = true): StaffUser => ({
  id,
  username: `user${id}`,
  fullName: id,
  role,
  active,
});
const admin = user('a1', 'admin');
const reviewer = user('r1', 'reviewer');

describe('a new account', () => {
  const good = { username: 'li.na', fullName: 'Li Na', role: 'reviewer', password: 'correct horse 9' };

  it('is accepted with a username, name, role and a long enough password', () => {
    expect(parseNewUser(good)).toEqual({ ok: true, body: good });
  });

  it('refuses a short password, one holding the username, a bad username and an unknown role', () => {
    const fields = (body: unknown) => {
      const parsed = parseNewUser(body);
      return parsed.ok
        ? {}
        : Object.fromEntries(Object.entries(parsed.fieldErrors ?? {}).map(([k, v]) => [k, v.code]));
    };
    expect(fields({ ...good, password: 'short' })).toEqual({ password: 'password_too_short' });
    expect(fields({ ...good, password: 'my-li.na-password' })).toEqual({ password: 'password_has_username' });
    expect(fields({ ...good, username: 'Li Na' })).toEqual({ username: 'username_invalid' });
    expect(fields({ ...good, role: 'root' })).toEqual({ role: 'user_role_unknown' });
    expect(fields({ ...good, extra: 1 })).toEqual({ extra: 'unknown_field' });
  });

  it('needs the version for a role change', () => {
    expect(parseRoleChange({ role: 'manager' }).ok).toBe(false);
    expect(parseRoleChange({ role: 'manager', version: 1 }).ok).toBe(true);
  });
});

describe('changing an account', () => {
  it('refuses an admin their own role and deactivation', () => {
    expect(roleChangeRefusal('a1', admin, 'reviewer', 1, [admin])?.code).toBe('user_own_role');
    expect(deactivationRefusal('a1', admin, 1, [admin])?.code).toBe('user_deactivate_self');
  });

  it('keeps the last active admin', () => {
    const other = user('a2', 'admin', false);
    expect(deactivationRefusal('x', admin, 1, [admin, other])?.code).toBe('user_last_admin');
    expect(roleChangeRefusal('x', admin, 'manager', 1, [admin, other])?.code).toBe('user_last_admin');
    expect(deactivationRefusal('x', admin, 1, [admin, user('a3', 'admin')])).toBeNull();
  });

  it('writes only over the version its sender saw', () => {
    expect(deactivationRefusal('a1', { ...reviewer, version: 2 }, 1, [admin])?.status).toBe(409);
    expect(deactivationRefusal('a1', reviewer, 1, [admin, reviewer])).toBeNull();
    expect(deactivationRefusal('a1', { ...reviewer, active: false }, 1, [admin])?.code).toBe(
      'user_already_inactive',
    );
    expect(reactivationRefusal(reviewer, 1)?.code).toBe('user_already_active');
    expect(reactivationRefusal({ ...reviewer, active: false }, 1)).toBeNull();
  });
});

describe('a deactivation', () => {
  it("hands back the requests the account holds, pending or in review, and no one else's", () => {
    const mine = makeRequest({ id: 'r1', status: 'in_review', assigneeId: 'r1' });
    const assigned = makeRequest({ id: 'r2', status: 'pending', assigneeId: 'r1' });
    const decided = makeRequest({ id: 'r3', status: 'approved', assigneeId: 'r1' });
    const theirs = makeRequest({ id: 'r4', status: 'in_review', assigneeId: 'r2' });
    expect(claimsOf('r1', [mine, assigned, decided, theirs]).map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('is what a role that may not claim does to its claims too', () => {
    expect(keepsClaims('reviewer')).toBe(true);
    expect(keepsClaims('supervisor')).toBe(true);
    expect(keepsClaims('manager')).toBe(false);
    expect(keepsClaims('admin')).toBe(false);
  });
});
