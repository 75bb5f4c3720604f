// @vitest-environment jsdom
// Issue 16 item 1 in the browser's components against the real API: the admin creates a staff
// account with the create form, then deactivates it from its page after confirming; the account's
// status reads "Deactivated" and the API no longer lets it sign in.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceContextProvider } from 'react-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import { createAuthProvider } from '../../src/providers/authProvider';
import { createDataProvider } from '../../src/providers/dataProvider';
import { saveSession } from '../../src/providers/session';
import { UserCreate } from '../../src/users/UserCreate';
import { UserShow } from '../../src/users/UserShow';
import { listQuery, startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

let api: TestApi;
let adminToken: string;
let admin: StaffUser;

beforeAll(async () => {
  api = await startTestApi({ count: 50, seed: 3 });
  adminToken = await api.login('admin');
  admin = (await api.call('GET', '/api/auth/me', { token: adminToken })).body as StaffUser;
}, 120_000);
afterAll(() => api?.close());

function signInAsAdmin() {
  saveSession({ token: adminToken, user: admin });
}

async function accountNamed(username: string): Promise<StaffUser | undefined> {
  const res = await api.call('GET', `/api/users${listQuery({ range: [0, 99], filter: { q: username } })}`, {
    token: adminToken,
  });
  return (res.body as StaffUser[]).find((u) => u.username === username);
}

/** An account's page against the real API, as the signed-in admin sees it. */
function renderUserShow(id: string, locale: 'en' | 'zh-CN' = 'en') {
  return renderWithAdmin(
    <ResourceContextProvider value="users">
      <UserShow id={id} />
    </ResourceContextProvider>,
    {
      dataProvider: createDataProvider(`${api.url}/api`),
      authProvider: createAuthProvider(),
      locale,
      now: null,
    },
  );
}

describe('the staff admin screens', () => {
  it('create an account, then deactivate it after a confirmation', async () => {
    signInAsAdmin();
    const dataProvider = createDataProvider(`${api.url}/api`);
    const authProvider = createAuthProvider();
    const user = userEvent.setup();
    const created = renderWithAdmin(
      <ResourceContextProvider value="users">
        <UserCreate />
      </ResourceContextProvider>,
      { dataProvider, authProvider, now: null },
    );
    await user.type(await screen.findByLabelText(/Username/), 'mei.lin');
    await user.type(screen.getByLabelText(/^Name/), 'Mei Lin');
    await user.type(screen.getByLabelText(/Initial password/), 'a fine secret 42');
    await user.click(screen.getByRole('button', { name: /Save/ }));
    await waitFor(async () => expect(await accountNamed('mei.lin')).toBeDefined(), { timeout: 10_000 });
    const account = (await accountNamed('mei.lin'))!;
    expect(account).toMatchObject({ fullName: 'Mei Lin', role: 'reviewer', active: true });
    expect(
      (
        await api.call('POST', '/api/auth/login', {
          body: { username: 'mei.lin', password: 'a fine secret 42' },
        })
      ).status,
    ).toBe(200);
    created.unmount();

    renderWithAdmin(
      <ResourceContextProvider value="users">
        <UserShow id={account.id} />
      </ResourceContextProvider>,
      { dataProvider, authProvider, now: null },
    );
    expect(await screen.findByTestId('user-status')).toHaveTextContent('Active');
    fireEvent.click(await screen.findByTestId('user-deactivate'));
    expect(await screen.findByText('Deactivate Mei Lin?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Confirm/ }));
    await waitFor(() => expect(screen.getByTestId('user-status')).toHaveTextContent('Deactivated'), {
      timeout: 10_000,
    });
    expect((await accountNamed('mei.lin'))?.active).toBe(false);
    expect(
      (
        await api.call('POST', '/api/auth/login', {
          body: { username: 'mei.lin', password: 'a fine secret 42' },
        })
      ).status,
    ).toBe(401);
    expect(screen.getByTestId('user-reactivate')).toBeInTheDocument();
  }, 60_000);

  it('change a role in the dialog, in Chinese', async () => {
    signInAsAdmin();
    const target = (await accountNamed('reviewer2'))!;
    renderUserShow(target.id, 'zh-CN');
    fireEvent.click(await screen.findByTestId('user-change-role'));
    expect(await screen.findByText(`更改 ${target.fullName} 的角色`)).toBeInTheDocument();
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: '主管' }));
    fireEvent.click(screen.getByRole('button', { name: /更改角色/ }));
    await waitFor(async () => expect((await accountNamed('reviewer2'))?.role).toBe('supervisor'), {
      timeout: 10_000,
    });
    expect((await accountNamed('reviewer2'))?.version).toBe(2);
  }, 60_000);

  it('shows and edits the routing (languages, skills, cap) in the dialog, in Chinese', async () => {
    signInAsAdmin();
    const target = (await accountNamed('reviewer4'))!;
    renderUserShow(target.id, 'zh-CN');
    // the seed's reviewer4 reads English only, is not senior, and has the demo's cap of 20
    const shown = await screen.findByTestId('user-routing');
    expect(shown).toHaveTextContent('语言: 英文');
    expect(shown).toHaveTextContent('技能: 无');
    expect(shown).toHaveTextContent('最多持有申请数: 20');
    fireEvent.click(screen.getByTestId('user-routing-edit'));
    expect(await screen.findByText(`${target.fullName} 审核哪些申请`)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: '中文' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '资深（打赏与大额退款）' }));
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: /保存分派设置/ }));
    await waitFor(
      async () =>
        expect(await accountNamed('reviewer4')).toMatchObject({
          languages: ['en', 'zh-CN'],
          skills: ['senior'],
          claimCap: 4,
          version: (target.version ?? 1) + 1,
        }),
      { timeout: 10_000 },
    );
    await waitFor(() => expect(screen.getByTestId('user-routing')).toHaveTextContent('最多持有申请数: 4'));
    // the change is in the account's audit at once, in the reader's words, with who made it
    await waitFor(() => expect(screen.getAllByTestId('user-change')).toHaveLength(1));
    const [entry] = screen.getAllByTestId('user-change');
    expect(entry).toHaveTextContent('语言：英文 → 英文, 中文');
    expect(entry).toHaveTextContent('技能：无 → 资深（打赏与大额退款）');
    expect(entry).toHaveTextContent('最多持有申请数：20 → 4');
    await waitFor(() => expect(screen.getByTestId('user-change')).toHaveTextContent(admin.fullName));
  }, 60_000);

  it('offers no changes on the admin’s own account', async () => {
    signInAsAdmin();
    renderUserShow(admin.id);
    expect(await screen.findByTestId('user-status')).toHaveTextContent('Active');
    expect(screen.queryByTestId('user-deactivate')).toBeNull();
    expect(screen.queryByTestId('user-change-role')).toBeNull();
  });
});
