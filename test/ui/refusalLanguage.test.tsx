// @vitest-environment jsdom
// A Chinese reviewer sees a refusal in Chinese: the real API refuses, the app's HTTP client says
// the refusal again from its code in the UI's language, and the review dialog's alert (or, for a
// list the API refuses, react-admin's notification) shows it.
import { screen } from '@testing-library/react';
import { ListBase, Notification, type HttpError } from 'react-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataProvider } from '../../src/providers/dataProvider';
import { httpClient, setHttpI18nProvider } from '../../src/providers/http';
import { localizeRefusalBody } from '../../src/providers/refusalText';
import { createI18nProvider, i18nProvider } from '../../src/providers/i18nProvider';
import { WorkflowErrorAlert } from '../../src/workflow/WorkflowErrorAlert';
import { toWorkflowError } from '../../src/workflow/errors';
import { startTestApi, type TestApi } from '../mock-api/harness';
import { renderWithAdmin } from './fixtures';

let api: TestApi;
let token: string;
let pending: { id: string; version: number };

beforeAll(async () => {
  api = await startTestApi({ count: 200, seed: 5 });
  token = await api.login('reviewer');
  const filter = encodeURIComponent(JSON.stringify({ status: 'pending', assigneeId: 'unassigned' }));
  const list = await api.call('GET', `/api/refunds?filter=${filter}&range=[0,0]`, { token });
  pending = (list.body as { id: string; version: number }[])[0];
});
afterAll(async () => {
  setHttpI18nProvider(i18nProvider);
  await api?.close();
});

/** A reject on a request nobody has claimed: refused with claim_first_pending. */
async function rejectUnclaimed(): Promise<HttpError> {
  try {
    await httpClient(`${api.url}/api/refunds/${pending.id}/reject`, {
      method: 'POST',
      headers: new Headers({ Accept: 'application/json', Authorization: `Bearer ${token}` }),
      body: JSON.stringify({
        version: pending.version,
        reasonCode: 'other',
        customerMessage: 'No.',
        note: 'x',
      }),
    });
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('the API accepted a reject of an unclaimed request');
}

describe('a refusal in the user’s language', () => {
  it('is shown in Chinese to a Chinese reviewer', async () => {
    setHttpI18nProvider(createI18nProvider('zh-CN'));
    const error = await rejectUnclaimed();
    expect(error.status).toBe(409);
    expect((error.body as { code: string }).code).toBe('claim_first_pending');
    expect(error.message).toBe('此申请尚待处理，请先领取再拒绝。');
    renderWithAdmin(<WorkflowErrorAlert error={toWorkflowError(error)} resource="refunds" />, {
      locale: 'zh-CN',
    });
    const alert = await screen.findByTestId('workflow-error');
    expect(alert).toHaveTextContent('此申请尚待处理，请先领取再拒绝。');
    expect(alert.textContent).not.toMatch(/claim it|pending/);
  });

  it('follows the UI language, not the one the request was answered in', async () => {
    setHttpI18nProvider(createI18nProvider('en'));
    const error = await rejectUnclaimed();
    expect(error.message).toBe('This request is pending; claim it before you reject it.');
    renderWithAdmin(<WorkflowErrorAlert error={toWorkflowError(error)} resource="refunds" />, {
      locale: 'en',
    });
    expect(await screen.findByTestId('workflow-error')).toHaveTextContent('claim it before you reject it');
  });

  it('keeps the server’s message for a code the catalogue does not know', () => {
    const zh = createI18nProvider('zh-CN');
    expect(localizeRefusalBody({ message: 'Something new.', code: 'brand_new_refusal' }, zh)).toBeNull();
    expect(localizeRefusalBody({ message: 'No code at all.' }, zh)).toBeNull();
    expect(
      localizeRefusalBody(
        {
          message: 'x',
          code: 'invalid_fields',
          fieldErrors: { amountFen: { code: 'amount_over_refundable', params: { refundableFen: 5_000 } } },
        },
        zh,
      ),
    ).toMatchObject({
      message: '金额不能超过可退金额 ¥50.00。',
      errors: { amountFen: '金额不能超过可退金额 ¥50.00。' },
    });
  });
});

describe('a list the API refuses', () => {
  // a bookmarked list whose filter bounds a field that is not a number or a time (filter_not_bound)
  const refused = { status_gte: 'pending' };
  const dataProvider = () =>
    createDataProvider(`${api.url}/api`, (url, options = {}) =>
      httpClient(url, {
        ...options,
        headers: new Headers({ Accept: 'application/json', Authorization: `Bearer ${token}` }),
      }),
    );

  it('is refused in Chinese from its code, with the resource named in Chinese', async () => {
    setHttpI18nProvider(createI18nProvider('zh-CN'));
    const error = await dataProvider()
      .getList('refunds', {
        filter: refused,
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'id', order: 'ASC' },
      })
      .then(
        () => null,
        (e: unknown) => e as HttpError,
      );
    expect(error?.status).toBe(400);
    expect(error?.body).toMatchObject({
      code: 'filter_not_bound',
      params: { filter: 'status_gte', resource: 'refunds', field: 'status' },
    });
    expect(error?.message).toBe('筛选条件“status_gte”：退款申请不能按“status”限定范围。');
  });

  it('is shown in Chinese in the notification of the list that asked', async () => {
    setHttpI18nProvider(createI18nProvider('zh-CN'));
    renderWithAdmin(
      <>
        <ListBase resource="refunds" filter={refused} disableSyncWithLocation>
          <span>list</span>
        </ListBase>
        <Notification />
      </>,
      { dataProvider: dataProvider(), locale: 'zh-CN' },
    );
    expect(
      await screen.findByText(
        '筛选条件“status_gte”：退款申请不能按“status”限定范围。',
        {},
        { timeout: 10_000 },
      ),
    ).toBeVisible();
    expect(screen.queryByText(/cannot be bounded/)).toBeNull();
  });
});
