// @vitest-environment jsdom
// The side menu lists only the resources the signed-in role may list, as decided by
// authProvider.canAccess → the domain permission table.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/model';
import { canAccess } from '../../src/domain/permissions';
import { MENU_RESOURCES, Menu } from '../../src/layout/Menu';
import { createAuthProvider } from '../../src/providers/authProvider';
import { saveSession } from '../../src/providers/session';
import { renderWithAdmin } from './fixtures';

const LABELS: Record<(typeof MENU_RESOURCES)[number], string> = {
  refunds: 'Refund requests',
  complaints: 'Complaints',
  customers: 'Customers',
  orders: 'Orders',
  users: 'Staff',
};

function signIn(role: Role) {
  saveSession({ token: 'test-token', user: { id: 'u9', username: role, fullName: `A ${role}`, role } });
}

describe('Menu', () => {
  it.each(ROLES)('shows a %s exactly the resources the permission table lets them list', async (role) => {
    signIn(role);
    renderWithAdmin(<Menu />, { authProvider: createAuthProvider() });
    const allowed = MENU_RESOURCES.filter((resource) => canAccess(role, { resource, action: 'list' }));
    expect(allowed.length).toBeGreaterThan(0);
    for (const resource of allowed) expect(await screen.findByText(LABELS[resource])).toBeInTheDocument();
    for (const resource of MENU_RESOURCES.filter((r) => !allowed.includes(r))) {
      expect(screen.queryByText(LABELS[resource])).toBeNull();
    }
  });

  it('hides a resource the role may not list', async () => {
    signIn('reviewer');
    const base = createAuthProvider();
    const authProvider = {
      ...base,
      canAccess: async ({ resource, action }: { resource: string; action: string }) =>
        resource === 'users'
          ? false
          : base.canAccess!({ resource, action, signal: new AbortController().signal } as never),
    };
    renderWithAdmin(<Menu />, { authProvider });
    expect(await screen.findByText('Refund requests')).toBeInTheDocument();
    expect(await screen.findByText('Orders')).toBeInTheDocument();
    expect(screen.queryByText('Staff')).toBeNull();
  });

  it('shows nothing to a signed-out visitor', async () => {
    renderWithAdmin(<Menu />, { authProvider: createAuthProvider() });
    await waitFor(() => expect(document.querySelectorAll('a[href]').length).toBe(0));
    for (const label of Object.values(LABELS)) expect(screen.queryByText(label)).toBeNull();
  });

  it('speaks Chinese', async () => {
    signIn('manager');
    renderWithAdmin(<Menu />, { authProvider: createAuthProvider(), locale: 'zh-CN' });
    expect(await screen.findByText('退款申请')).toBeInTheDocument();
    expect(await screen.findByText('员工')).toBeInTheDocument();
  });
});
