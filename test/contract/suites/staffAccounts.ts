// The contract suite (test/contract/contract.test.ts registers the parts in order), this part:
// staff accounts an administrator manages (createUser, changeUserRole, setUserRouting,
// deactivateUser, reactivateUser), away mode (setUserAway, a supervisor's for a reviewer) and the
// audit (listUserChanges). Each run makes its own account, so it can run against a backend again.
import { describe, expect, it } from 'vitest';
import { call, need, NO_SUCH_ID, tokens } from '../contractClient';

interface Account {
  id: string;
  username: string;
  version: number;
  active: boolean;
  role: string;
}

export function describeStaffAccounts(): void {
  describe('staff accounts', () => {
    it('creates, changes, deactivates and reactivates an account (administrators)', async () => {
      if (!need(tokens.admin, 'admin account')) return;
      const username = `contract${Date.now().toString(36)}`;
      const body = { username, fullName: 'Contract Check', role: 'reviewer', password: 'contract-secret-1' };
      await call('createUser', { as: 'supervisor', body, kind: 'invalid', expect: 403 });
      await call('createUser', {
        as: 'admin',
        body: { ...body, password: 'short' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const created = await call('createUser', { as: 'admin', body, kind: 'valid', expect: 201 });
      let account = created.body as Account;
      expect(account).toMatchObject({ username, active: true, version: 1 });
      await call('createUser', { as: 'admin', body, kind: 'invalid', expect: 422 });

      await call('changeUserRole', {
        as: 'admin',
        id: account.id,
        body: { role: 'supervisor' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const changed = await call('changeUserRole', {
        as: 'admin',
        id: account.id,
        body: { version: account.version, role: 'supervisor' },
        kind: 'valid',
      });
      account = changed.body as Account;
      expect(account).toMatchObject({ role: 'supervisor', version: 2 });
      await call('changeUserRole', {
        as: 'admin',
        id: account.id,
        body: { version: 1, role: 'reviewer' },
        kind: 'invalid',
        expect: 409,
      });
      await call('changeUserRole', {
        as: 'admin',
        id: NO_SUCH_ID,
        body: { version: 1, role: 'reviewer' },
        kind: 'invalid',
        expect: 404,
      });

      await call('setUserRouting', {
        as: 'admin',
        id: account.id,
        body: { version: account.version, languages: ['klingon'], skills: [], claimCap: null },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const routed = await call('setUserRouting', {
        as: 'admin',
        id: account.id,
        body: { version: account.version, languages: ['en'], skills: ['senior'], claimCap: 4 },
        kind: 'valid',
      });
      account = routed.body as Account;
      expect(account).toMatchObject({ languages: ['en'], skills: ['senior'], claimCap: 4, version: 3 });

      // a reviewer again, so a supervisor may mark the account away and back
      account = (
        await call('changeUserRole', {
          as: 'admin',
          id: account.id,
          body: { version: account.version, role: 'reviewer' },
          kind: 'valid',
        })
      ).body as Account;
      await call('setUserAway', {
        as: 'manager',
        id: account.id,
        body: { version: account.version, away: true },
        kind: 'invalid',
        expect: 403,
      });
      await call('setUserAway', {
        as: 'supervisor',
        id: account.id,
        body: { version: account.version, away: 'yes' },
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const away = await call('setUserAway', {
        as: 'supervisor',
        id: account.id,
        body: { version: account.version, away: true },
        kind: 'valid',
      });
      expect(away.body).toMatchObject({ away: true, releasedRefundIds: [] });
      await call('setUserAway', {
        as: 'supervisor',
        id: account.id,
        body: { version: account.version, away: false },
        kind: 'invalid',
        expect: 409,
      });
      account = (
        await call('setUserAway', {
          as: 'supervisor',
          id: account.id,
          body: { version: (away.body as Account).version, away: false },
          kind: 'valid',
        })
      ).body as Account;
      expect(account).toMatchObject({ away: false, awaySince: null });

      await call('deactivateUser', {
        as: 'manager',
        id: account.id,
        body: { version: account.version },
        kind: 'invalid',
        expect: 403,
      });
      const off = await call('deactivateUser', {
        as: 'admin',
        id: account.id,
        body: { version: account.version },
        kind: 'valid',
      });
      account = off.body as Account;
      expect(account).toMatchObject({ active: false, releasedRefundIds: [] });
      await call('deactivateUser', {
        as: 'admin',
        id: account.id,
        body: { version: account.version },
        kind: 'invalid',
        expect: 409,
      });
      await call('reactivateUser', {
        as: 'admin',
        id: account.id,
        body: {},
        kind: 'invalid',
        schemaInvalid: true,
        expect: 422,
      });
      const on = await call('reactivateUser', {
        as: 'admin',
        id: account.id,
        body: { version: account.version },
        kind: 'valid',
      });
      expect(on.body).toMatchObject({ active: true });

      // the audit: one entry per version, newest first; for the admin only
      const audit = await call('listUserChanges', { as: 'admin', id: account.id, kind: 'valid' });
      expect((audit.body as { version: number }[]).map((c) => c.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      await call('listUserChanges', { as: 'supervisor', id: account.id, kind: 'invalid', expect: 403 });
      await call('listUserChanges', { as: 'admin', id: NO_SUCH_ID, kind: 'invalid', expect: 404 });
    });
  });
}
