// @vitest-environment jsdom
// The platform client's key is shown once: the create dialog shows it after the client is made,
// with a warning and a copy button, cannot be dismissed by a click beside it, and forgets the key
// once closed (opening the dialog again asks for a new name and shows no key).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PlatformClientWithKey } from '../../src/domain/platformClient';
import { CreatePlatformClientButton } from '../../src/platformClients/CreatePlatformClientDialog';
import { Menu } from '../../src/layout/Menu';
import { createAuthProvider } from '../../src/providers/authProvider';
import { saveSession } from '../../src/providers/session';
import { appResources, fakeDataProvider, renderWithAdmin } from './fixtures';

const KEY = `rdk_${'A'.repeat(43)}`;

function provider(created: string[]) {
  return {
    ...fakeDataProvider({}),
    async createPlatformClient({ name }: { name: string }): Promise<{ data: PlatformClientWithKey }> {
      created.push(name);
      return {
        data: {
          id: `pc${created.length}`,
          name,
          key: KEY,
          keyPrefix: 'rdk_AAAAAA…',
          createdAt: '2026-03-10T12:00:00.000Z',
          createdBy: 'u8',
          revokedAt: null,
          revokedBy: null,
        },
      };
    },
  };
}

describe('the new platform client dialog', () => {
  it('shows the key once, with a warning and a copy button, and forgets it when closed', async () => {
    const user = userEvent.setup();
    const created: string[] = [];
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    renderWithAdmin(<CreatePlatformClientButton />, { dataProvider: provider(created) as never });

    await user.click(await screen.findByTestId('create-platform-client'));
    const dialog = await screen.findByRole('dialog');
    // a blank name is refused before anything is sent
    await user.click(within(dialog).getByTestId('create-key'));
    expect(await within(dialog).findByText(/Name the client/)).toBeInTheDocument();
    expect(created).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Name/), 'Wallet app');
    await user.click(within(dialog).getByTestId('create-key'));
    const key = (await screen.findByTestId('platform-key')) as HTMLInputElement;
    expect(created).toEqual(['Wallet app']);
    expect(key.value).toBe(KEY);
    expect(key.readOnly).toBe(true);
    expect(screen.getByTestId('key-warning')).toHaveTextContent(/shown only this once/);

    await user.click(screen.getByTestId('copy-key'));
    await waitFor(() => expect(written).toEqual([KEY]));

    // Escape does not close it while the key is on screen
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('platform-key')).toBeInTheDocument();

    await user.click(screen.getByTestId('key-saved'));
    await waitFor(() => expect(screen.queryByTestId('platform-key')).toBeNull());
    expect(document.body.textContent).not.toContain(KEY);

    await user.click(screen.getByTestId('create-platform-client'));
    expect(await screen.findByTestId('create-key')).toBeInTheDocument();
    expect(screen.queryByTestId('platform-key')).toBeNull();
  });

  it('speaks Chinese', async () => {
    const user = userEvent.setup();
    renderWithAdmin(<CreatePlatformClientButton />, { dataProvider: provider([]) as never, locale: 'zh-CN' });
    await user.click(await screen.findByText('新建平台客户端'));
    expect(await screen.findByText('创建密钥')).toBeInTheDocument();
  });
});

describe('the Administration menu group', () => {
  it('offers platform clients to an admin only', async () => {
    for (const role of ['admin', 'supervisor'] as const) {
      saveSession({ token: 't', user: { id: 'u8', username: role, fullName: `A ${role}`, role } });
      const view = renderWithAdmin(<Menu />, {
        authProvider: createAuthProvider(),
        resources: { ...appResources, 'platform-clients': { name: 'platform-clients', hasList: true } },
      });
      if (role === 'admin') {
        expect(await screen.findByText('Administration')).toBeInTheDocument();
        expect(await screen.findByText('Platform clients')).toBeInTheDocument();
      } else {
        expect(await screen.findByText('Refund requests')).toBeInTheDocument();
        expect(screen.queryByText('Administration')).toBeNull();
        expect(screen.queryByText('Platform clients')).toBeNull();
      }
      view.unmount();
    }
  });
});
