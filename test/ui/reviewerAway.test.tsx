// @vitest-environment jsdom
// Away mode in the UI against the real API: the signed-in reviewer switches themself away in the
// app bar's switch, the notice says (in Chinese) how many requests went back to the queue, and
// the queue's "claim next" then says the catalogued reviewer_away refusal, not a conflict.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Notification, ResourceContextProvider } from 'react-admin';
import { Route, Routes } from 'react-router-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import { catalogueTranslate, translateRefusal } from '../../src/domain/refusal';
import refusals from '../../src/i18n/messages/refusals';
import users from '../../src/i18n/messages/users';
import { createAuthProvider } from '../../src/providers/authProvider';
import { createDataProvider } from '../../src/providers/dataProvider';
import { setHttpI18nProvider } from '../../src/providers/http';
import { createI18nProvider, i18nProvider } from '../../src/providers/i18nProvider';
import { saveSession } from '../../src/providers/session';
import { RefundList } from '../../src/refunds';
import { MyAwaySwitch } from '../../src/users/AwaySwitch';
import { routedReviewer, startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

let api: TestApi;
let reviewer: StaffUser;
let reviewerToken: string;

beforeAll(async () => {
  api = await startTestApi({ count: 50, seed: 5 });
  ({ token: reviewerToken, user: reviewer } = await routedReviewer(
    api,
    { username: 'leaving', fullName: 'Leaving Reviewer' },
    { languages: ['zh-CN', 'en'], skills: ['senior'], claimCap: 5 },
  ));
  const claimed = await api.call('POST', '/api/refunds/claim-next', { token: reviewerToken });
  expect(claimed.status, claimed.text).toBe(200);
}, 120_000);
afterAll(() => {
  setHttpI18nProvider(i18nProvider);
  return api?.close();
});

describe('away mode in the app bar', () => {
  it('hands back my claim with a notice, then claim next says I am away, in Chinese', async () => {
    saveSession({ token: reviewerToken, user: reviewer });
    setHttpI18nProvider(createI18nProvider('zh-CN'));
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <MyAwaySwitch />
        <Routes>
          <Route path="/refunds/:id/show" element={<p>showing request</p>} />
          <Route path="*" element={<RefundList />} />
        </Routes>
        <Notification />
      </ResourceContextProvider>,
      {
        dataProvider: createDataProvider(`${api.url}/api`),
        authProvider: createAuthProvider(),
        locale: 'zh-CN',
        now: null,
      },
    );
    const toggle = await screen.findByTestId(`user-away-${reviewer.id}`, {}, { timeout: 10_000 });
    const input = toggle.querySelector('input')!;
    expect(input).not.toBeChecked();
    expect(screen.getByText(users.zh.users.away.my_label)).toBeInTheDocument();
    fireEvent.click(input);
    expect(
      await screen.findByText('已设为离开；1 个申请已退回队列。', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    await waitFor(() => expect(input).toBeChecked(), { timeout: 10_000 });
    const stored = await api.call('GET', `/api/users/${reviewer.id}`, { token: reviewerToken });
    expect(stored.body).toMatchObject({ away: true });

    fireEvent.click(await screen.findByTestId('claim-next'));
    const message = translateRefusal(catalogueTranslate(refusals.zh), { code: 'reviewer_away', params: {} });
    expect(await screen.findByText(message, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText('showing request')).toBeNull();
  }, 60_000);
});
