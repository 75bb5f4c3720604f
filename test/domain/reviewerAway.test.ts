// Away mode's rules (permissions.ts mayMarkAway, staffAccounts.ts, reviewerRouting.ts awayRefusal):
// who may mark an account away, in which order the refusals come, and what the account keeps.
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import { PERMISSION_TABLE, canAccess, mayMarkAway } from '../../src/domain/permissions';
import { awayRefusal } from '../../src/domain/reviewerRouting';
import {
  awayChangeRefusal,
  awayFields,
  awayPermissionRefusal,
  keepsClaims,
  parseAwayChange,
} from '../../src/domain/staffAccounts';
import { ROLES } from '../../src/domain/model';

const account = (id: string, role: StaffUser['role'], extra: Partial<StaffUser> = {}): StaffUser => ({
  id,
  username: `user${id}`,
  fullName: `User ${id}`,
  role,
  active: true,
  version: 3,
  ...extra,
});
const NOW = '2026-12-03T10:00:00.000Z';

describe('away mode', () => {
  it('is for the roles that hold claims, in the permission table', () => {
    for (const role of ROLES) {
      expect(canAccess(role, { resource: 'users', action: 'away' }), role).toBe(keepsClaims(role));
    }
    expect(PERMISSION_TABLE.users.admin).not.toContain('away');
  });

  it('is the account’s own, or a supervisor’s for a reviewer', () => {
    const reviewer = account('u1', 'reviewer');
    expect(mayMarkAway({ id: 'u1', role: 'reviewer' }, reviewer)).toBe(true);
    expect(mayMarkAway({ id: 'u9', role: 'supervisor' }, reviewer)).toBe(true);
    expect(mayMarkAway({ id: 'u2', role: 'reviewer' }, reviewer)).toBe(false);
    expect(mayMarkAway({ id: 'u9', role: 'supervisor' }, account('u8', 'supervisor'))).toBe(false);
    expect(mayMarkAway({ id: 'u8', role: 'supervisor' }, account('u8', 'supervisor'))).toBe(true);
    expect(awayPermissionRefusal({ id: 'u2', role: 'reviewer' }, reviewer)).toMatchObject({
      status: 403,
      code: 'user_away_not_allowed',
      params: { username: 'useru1' },
    });
  });

  it('is written over the version seen, on an active account', () => {
    const reviewer = account('u1', 'reviewer');
    expect(awayChangeRefusal(reviewer, 3)).toBeNull();
    expect(awayChangeRefusal(reviewer, 2)).toMatchObject({ status: 409, code: 'user_version_conflict' });
    expect(awayChangeRefusal({ ...reviewer, active: false }, 3)).toMatchObject({
      status: 409,
      code: 'user_away_inactive',
    });
    expect(parseAwayChange({ version: 3, away: true })).toEqual({
      ok: true,
      body: { version: 3, away: true },
    });
    const bad = parseAwayChange({ version: 3, away: 'yes' });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).toContain('user_away_flag_invalid');
  });

  it('keeps since when the account is away while it stays away, and clears it on return', () => {
    const here = account('u1', 'reviewer');
    expect(awayFields(here, true, NOW)).toEqual({ away: true, awaySince: NOW });
    const gone = { ...here, away: true, awaySince: '2026-12-01T08:00:00.000Z' };
    expect(awayFields(gone, true, NOW)).toEqual({ away: true, awaySince: '2026-12-01T08:00:00.000Z' });
    expect(awayFields(gone, false, NOW)).toEqual({ away: false, awaySince: null });
  });

  it('refuses claim-next while away; accounts stored before away mode are here', () => {
    expect(awayRefusal({ away: true })).toMatchObject({ status: 409, code: 'reviewer_away' });
    expect(awayRefusal({ away: false })).toBeNull();
    expect(awayRefusal({ away: null })).toBeNull();
    expect(awayRefusal({})).toBeNull();
  });
});
