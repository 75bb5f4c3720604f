// @vitest-environment jsdom
// Every action dialog is a react-admin <Form> run through one pipeline (useWorkflowCommand): a
// refusal's per-field messages show on the inputs they concern, and a bulk action's dialog shows
// a refusal as the single action's does (the same alert, the input kept).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, ResourceContextProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { createAuthProvider } from '../../src/providers/authProvider';
import { RefundList } from '../../src/refunds';
import { fakeDataProvider, makeRefund, renderWithAdmin } from './fixtures';
import {
  actionBar,
  inReview,
  renderShow,
  signIn,
  staff,
  waitForActions,
  workflowProvider,
} from './reviewWorkflowKit';

const tooLong = 'The message is longer than the customer’s SMS channel takes.';
const refusal = () =>
  new HttpError('Some fields need attention', 422, {
    message: 'Some fields need attention',
    errors: { customerMessage: tooLong },
  });

/** The helper text of the input with this test id (MUI links it with aria-describedby). */
const helperOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '');

describe('a refusal with field messages', () => {
  it('shows the message on the input it concerns, until the reviewer changes that input', async () => {
    const record = inReview();
    const provider = workflowProvider([record]);
    provider.approveRefund.mockImplementationOnce(async () => {
      throw refusal();
    });
    renderShow(record, 'u1', provider);
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByTestId('approve-dialog');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));

    expect(await within(dialog).findByTestId('workflow-error')).toHaveAttribute('data-status', '422');
    const message = within(dialog).getByTestId('customer-message');
    await waitFor(() => expect(message).toHaveAttribute('aria-invalid', 'true'));
    expect(helperOf(message)).toHaveTextContent(tooLong);
    // the amount had no message: it stays as it was
    expect(within(dialog).getByTestId('approve-amount')).toHaveAttribute('aria-invalid', 'false');

    await userEvent.type(message, ' Short.');
    await waitFor(() => expect(message).toHaveAttribute('aria-invalid', 'false'));
    expect(helperOf(message)).not.toHaveTextContent(tooLong);
  });
});

describe('a bulk action', () => {
  it('shows a refusal in its dialog as the single action does, the message on its input', async () => {
    const user = userEvent.setup();
    signIn('u1');
    const refunds = [
      makeRefund({ id: 'q1', orderNumber: 'CZ-A', status: 'in_review', assigneeId: 'u1', duplicate: true }),
      makeRefund({ id: 'q2', orderNumber: 'CZ-B', status: 'in_review', assigneeId: 'u1', duplicate: true }),
    ];
    const bulkReject = vi.fn(async () => {
      throw refusal();
    });
    const provider = Object.assign(fakeDataProvider({ refunds, users: staff }), {
      claimNext: vi.fn(async () => ({ data: null })),
      bulkReject,
    });
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundList />
      </ResourceContextProvider>,
      { dataProvider: provider, authProvider: createAuthProvider() },
    );
    await screen.findByText('CZ-A', undefined, { timeout: 5_000 });
    await user.click(within(screen.getByText('CZ-A').closest('tr')!).getByRole('checkbox'));
    await user.click(await screen.findByTestId('bulk-reject', undefined, { timeout: 5_000 }));
    const dialog = await screen.findByTestId('bulk-reject-dialog');
    await user.click(within(dialog).getByTestId('dialog-submit'));

    await waitFor(() => expect(bulkReject).toHaveBeenCalledTimes(1));
    const alert = await within(dialog).findByTestId('workflow-error');
    expect(alert).toHaveAttribute('data-status', '422');
    expect(alert).toHaveTextContent('Some fields need attention');
    expect(screen.getByTestId('bulk-reject-dialog')).toBe(dialog);
    const message = within(dialog).getByTestId('customer-message');
    await waitFor(() => expect(message).toHaveAttribute('aria-invalid', 'true'));
    expect(helperOf(message)).toHaveTextContent(tooLong);
  });
});
