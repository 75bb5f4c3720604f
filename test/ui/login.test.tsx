// @vitest-environment jsdom
// The sign-in page: clicking a demo account fills the form; signing in calls authProvider.login;
// a failure is shown translated.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Notification, type AuthProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { LoginPanel } from '../../src/layout/Login';
import { LoginError } from '../../src/providers/authProvider';
import { renderWithAdmin } from './fixtures';

function authProviderWith(login: AuthProvider['login']): AuthProvider {
  return {
    login,
    logout: async () => undefined,
    checkAuth: async () => Promise.reject(new Error('signed out')),
    checkError: async () => undefined,
  };
}

describe('LoginPanel', () => {
  it('lists the demo accounts and fills the form with the one clicked', async () => {
    const login = vi.fn(async () => undefined);
    renderWithAdmin(<LoginPanel />, { authProvider: authProviderWith(login) });
    for (const name of ['reviewer', 'reviewer2', 'supervisor', 'manager']) {
      expect(screen.getByText(name)).toBeInTheDocument();
    }
    fireEvent.click(screen.getByRole('button', { name: 'Use the supervisor account (Supervisor)' }));
    await waitFor(() => expect(screen.getByLabelText(/Username/)).toHaveValue('supervisor'));
    expect(screen.getByLabelText(/Password/)).toHaveValue('password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(login).toHaveBeenCalledWith(
        expect.objectContaining({ username: 'supervisor', password: 'password' }),
      ),
    );
  });

  it('shows a failed sign-in in the viewer’s language', async () => {
    const login = vi.fn(async () => {
      throw new LoginError('auth.errors.too_many_attempts', { seconds: 42 });
    });
    renderWithAdmin(
      <>
        <LoginPanel />
        <Notification />
      </>,
      { authProvider: authProviderWith(login), locale: 'zh-CN' },
    );
    fireEvent.click(screen.getByRole('button', { name: '使用 manager 账号（经理）' }));
    await waitFor(() => expect(screen.getByLabelText(/用户名/)).toHaveValue('manager'));
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('该用户登录失败次数过多，请 42 秒后再试。')).toBeInTheDocument();
  });

  it.each([
    ['en' as const, 'auth.errors.busy', 'The server is busy with other sign-ins. Try again in 3 seconds.'],
    ['zh-CN' as const, 'auth.errors.address_locked', '来自该网络地址的登录失败次数过多，请 3 秒后再试。'],
  ])('shows a sign-in refused under load or by address in %s', async (locale, key, text) => {
    const login = vi.fn(async () => {
      throw new LoginError(key, { seconds: 3 });
    });
    renderWithAdmin(
      <>
        <LoginPanel />
        <Notification />
      </>,
      { authProvider: authProviderWith(login), locale },
    );
    fireEvent.click(screen.getAllByRole('button', { name: /manager/ })[0]!);
    await waitFor(() => expect(screen.getByLabelText(/Username|用户名/)).toHaveValue('manager'));
    fireEvent.click(screen.getByRole('button', { name: /^(Sign in|登录)$/ }));
    expect(await screen.findByText(text)).toBeInTheDocument();
  });
});
