// @vitest-environment jsdom
// Automatic assignment on the queue's toolbar against the real API (issue 17 item 5): a supervisor
// switches it on and the API holds it; when someone else switched it meanwhile, the 409 is said and
// the switch shows the desk as it is now; a reviewer, in Chinese, sees whether it is on but has no
// switch.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Notification, ResourceContextProvider } from 'react-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale, StaffUser } from '../../src/domain/model';
import settings from '../../src/i18n/messages/settings';
import { createAuthProvider } from '../../src/providers/authProvider';
import { createDataProvider, type StoredAssignmentSettings } from '../../src/providers/dataProvider';
import { setHttpI18nProvider } from '../../src/providers/http';
import { createI18nProvider, i18nProvider } from '../../src/providers/i18nProvider';
import { saveSession } from '../../src/providers/session';
import { RefundList } from '../../src/refunds';
import { startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ count: 30, seed: 11 });
}, 120_000);
afterAll(() => {
  setHttpI18nProvider(i18nProvider);
  return api?.close();
});

async function signIn(username: string) {
  const token = await api.login(username);
  const user = (await api.call('GET', '/api/auth/me', { token })).body as StaffUser;
  saveSession({ token, user });
  return token;
}

const stored = async (token: string) =>
  (await api.call('GET', '/api/settings/assignment', { token })).body as StoredAssignmentSettings;

function renderQueue(locale: Locale) {
  setHttpI18nProvider(createI18nProvider(locale));
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <RefundList />
      <Notification />
    </ResourceContextProvider>,
    {
      dataProvider: createDataProvider(`${api.url}/api`),
      authProvider: createAuthProvider(),
      locale,
      now: null,
    },
  );
}

/** The queue's rows and their expected decisions are on screen: nothing is left in flight at close. */
const queueSettled = async () =>
  expect((await screen.findAllByTestId('expected-decision', {}, { timeout: 10_000 })).length).toBeGreaterThan(
    0,
  );

describe('automatic assignment on the queue toolbar', () => {
  it('a supervisor switches it on, the API stores it, and a change made meanwhile is said', async () => {
    const token = await signIn('supervisor');
    expect(await stored(token)).toMatchObject({ automatic: false, version: 0 });
    renderQueue('en');
    const en = settings.en.assignmentSettings;
    const toggle = await screen.findByRole('switch', { name: en.label }, { timeout: 15_000 });
    expect(toggle).not.toBeChecked();

    fireEvent.click(toggle);
    expect(await screen.findByText(en.switched_on, {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(toggle).toBeChecked());
    expect(await stored(token)).toMatchObject({ automatic: true, version: 1 });

    // an admin switches it off behind the supervisor's back: the supervisor's click meets a 409
    const admin = await api.login('admin');
    const off = await api.call('PUT', '/api/settings/assignment', {
      token: admin,
      body: { automatic: false, version: 1 },
    });
    expect(off.status, off.text).toBe(200);
    fireEvent.click(toggle);
    const changed = createI18nProvider('en').translate('assignmentSettings.changed', {
      state: en.state.off,
    });
    expect(await screen.findByText(changed, {}, { timeout: 10_000 })).toBeInTheDocument();
    await waitFor(() => expect(toggle).not.toBeChecked());
    expect(toggle).toBeEnabled();
    expect(await stored(token)).toMatchObject({ automatic: false, version: 2 });
    await queueSettled();
  }, 60_000);

  it('a reviewer sees that it is on, in Chinese, and has no switch', async () => {
    const supervisor = await api.login('supervisor');
    const { version } = await stored(supervisor);
    const on = await api.call('PUT', '/api/settings/assignment', {
      token: supervisor,
      body: { automatic: true, version },
    });
    expect(on.status, on.text).toBe(200);

    await signIn('reviewer');
    renderQueue('zh-CN');
    const state = await screen.findByTestId('auto-assignment-state', {}, { timeout: 15_000 });
    expect(state).toHaveTextContent(settings.zh.assignmentSettings.chip_on);
    // the toolbar is there (claim next) and still offers no switch
    expect(await screen.findByTestId('claim-next')).toBeInTheDocument();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.queryByTestId('auto-assignment-switch')).toBeNull();
    await queueSettled();
  }, 60_000);
});
