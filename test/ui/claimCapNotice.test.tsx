// @vitest-environment jsdom
// Issue 17 item 5 in the queue against the real API: a reviewer at their cap presses "claim next"
// and the notice says the cap in their language (the server's catalogued claim_cap_reached),
// not that someone else changed a request.
import { fireEvent, screen } from '@testing-library/react';
import { Notification, ResourceContextProvider } from 'react-admin';
import { Route, Routes } from 'react-router-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffUser } from '../../src/domain/model';
import { catalogueTranslate, translateRefusal } from '../../src/domain/refusal';
import refusals from '../../src/i18n/messages/refusals';
import { createAuthProvider } from '../../src/providers/authProvider';
import { createDataProvider } from '../../src/providers/dataProvider';
import { setHttpI18nProvider } from '../../src/providers/http';
import { createI18nProvider, i18nProvider } from '../../src/providers/i18nProvider';
import { saveSession } from '../../src/providers/session';
import { RefundList } from '../../src/refunds';
import { routedReviewer, startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

let api: TestApi;
let reviewer: StaffUser;
let reviewerToken: string;

beforeAll(async () => {
  api = await startTestApi({ count: 50, seed: 5 });
  ({ token: reviewerToken, user: reviewer } = await routedReviewer(
    api,
    { username: 'capped', fullName: 'Capped Reviewer' },
    { languages: ['zh-CN', 'en'], skills: [], claimCap: 0 },
  ));
}, 120_000);
afterAll(() => {
  setHttpI18nProvider(i18nProvider);
  return api?.close();
});

describe('claim next at the cap', () => {
  it('shows the catalogued cap message as a notice, in Chinese', async () => {
    saveSession({ token: reviewerToken, user: reviewer });
    // the HTTP client asks for, and says refusals in, the UI's language (the app's provider by default)
    setHttpI18nProvider(createI18nProvider('zh-CN'));
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
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
    fireEvent.click(await screen.findByTestId('claim-next'));
    const zh = catalogueTranslate(refusals.zh);
    const message = translateRefusal(zh, { code: 'claim_cap_reached', params: { held: 0, cap: 0 } });
    expect(await screen.findByText(message, {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText('此申请已被他人修改')).toBeNull();
    expect(screen.queryByText('showing request')).toBeNull();
  }, 60_000);
});
