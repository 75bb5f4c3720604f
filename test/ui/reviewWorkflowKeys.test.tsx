// @vitest-environment jsdom
// The review screen's workflow UI: a message with nothing visible is refused as the API refuses it,
// a 409 keeps what the reviewer typed and says who changed the request, the keyboard shortcuts, and
// queue mode.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { makeRefund } from './fixtures';
import { workflowProvider, renderShow, actionBar, waitForActions, inReview } from './reviewWorkflowKit';

describe('a message with nothing visible in it', () => {
  it('is refused in the dialog as an empty one, by the same rule the API applies', async () => {
    const record = inReview({ coins: 100, coinsSpent: 100, refundableFen: 0 });
    const provider = renderShow(record, 'u1');
    await waitForActions(['release', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByTestId('reject-dialog');
    fireEvent.change(within(dialog).getByTestId('customer-message'), {
      target: { value: '\u200B\u2060\uFEFF\u202E' },
    });
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    expect(dialog).toHaveTextContent('Write the message the customer will receive.');
    expect(provider.rejectRefund).not.toHaveBeenCalled();
  });
});

describe('a 409 from the API', () => {
  it('keeps what the reviewer typed, says who changed the request, and resubmits on the new version', async () => {
    const record = inReview();
    const refunds = [record];
    const provider = workflowProvider(refunds);
    provider.approveRefund.mockImplementationOnce(async () => {
      // meanwhile a supervisor touched the request: the server has version 2 now
      const current = { ...record, version: 2, updatedBy: 'u3' };
      refunds[0] = current;
      throw new HttpError(
        'This request was changed by someone else (version 2 is current, you sent 1).',
        409,
        {
          message: 'This request was changed by someone else (version 2 is current, you sent 1).',
          current,
        },
      );
    });
    renderShow(record, 'u1', provider);
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByTestId('approve-dialog');
    const message = within(dialog).getByTestId('customer-message');
    await userEvent.clear(message);
    await userEvent.type(message, 'My own words for the customer.');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));

    const alert = await within(dialog).findByTestId('workflow-error');
    expect(alert).toHaveTextContent('Someone else changed this request');
    await waitFor(() =>
      expect(within(alert).getByTestId('conflict-who')).toHaveTextContent(
        'Wang Qiang changed this request; it is now In review.',
      ),
    );
    expect(alert).toHaveTextContent('version 2 is current');
    expect(screen.getByTestId('approve-dialog')).toBe(dialog);
    expect(message).toHaveValue('My own words for the customer.');

    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    await waitFor(() => expect(provider.approveRefund).toHaveBeenCalledTimes(2));
    expect(provider.approveRefund).toHaveBeenLastCalledWith('r1', {
      version: 2,
      amountFen: 19_800,
      customerMessage: 'My own words for the customer.',
    });
  });

  it('disables the confirm button when the action is no longer possible', async () => {
    const record = inReview();
    const refunds = [record];
    const provider = workflowProvider(refunds);
    provider.rejectRefund.mockImplementationOnce(async () => {
      const current = { ...record, version: 2, status: 'awaiting_second_approval' as const, updatedBy: 'u2' };
      refunds[0] = current;
      throw new HttpError('Only in-review requests can be rejected.', 409, { message: 'x', current });
    });
    renderShow(record, 'u1', provider);
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByTestId('reject-dialog');
    await userEvent.type(within(dialog).getByTestId('reject-note'), 'typed note');
    fireEvent.change(within(dialog).getByTestId('reject-reason'), { target: { value: 'other' } });
    await userEvent.type(within(dialog).getByTestId('against-reason'), 'because');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    expect(await within(dialog).findByTestId('action-no-longer-allowed')).toBeInTheDocument();
    expect(within(dialog).getByTestId('conflict-who')).toHaveTextContent(
      'Zhou Min changed this request; it is now Awaiting 2nd approval.',
    );
    expect(within(dialog).getByTestId('reject-note')).toHaveValue('typed note');
    expect(within(dialog).getByTestId('dialog-submit')).toBeDisabled();
  });
});

describe('keyboard shortcuts', () => {
  it('a opens approve prefilled with the focus on confirm; Enter approves (two keystrokes)', async () => {
    const user = userEvent.setup();
    const provider = renderShow(inReview(), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await user.keyboard('a');
    const dialog = await screen.findByTestId('approve-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('dialog-submit')).toHaveFocus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(provider.approveRefund).toHaveBeenCalledTimes(1));
    expect(provider.approveRefund).toHaveBeenCalledWith('r1', {
      version: 1,
      amountFen: 19_800,
      customerMessage: expect.stringContaining('has been approved: ¥198.00'),
    });
  });

  it('r and i open their dialogs; ? lists the shortcuts', async () => {
    const user = userEvent.setup();
    renderShow(inReview({ providedItems: ['order_number', 'purchase_time'] }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await user.keyboard('i');
    const info = await screen.findByTestId('request-info-dialog');
    await waitFor(() => expect(within(info).getByTestId('dialog-submit')).toHaveFocus());
    await user.click(within(info).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('request-info-dialog')).toBeNull());
    await user.keyboard('r');
    const reject = await screen.findByTestId('reject-dialog');
    // against the suggestion: the reason code is to be chosen, so no early focus on confirm
    expect(within(reject).getByTestId('dialog-submit')).not.toHaveFocus();
    await user.click(within(reject).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('reject-dialog')).toBeNull());
    await user.keyboard('?');
    const help = await screen.findByTestId('shortcut-help');
    expect(help).toHaveTextContent('Claim the next request');
    expect(help).toHaveTextContent('Next request in the list');
  });

  it('are ignored while typing in a field', async () => {
    const user = userEvent.setup();
    renderShow(inReview(), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await user.click(screen.getByLabelText('elsewhere'));
    await user.keyboard('ari?n');
    expect(screen.getByLabelText('elsewhere')).toHaveValue('ari?n');
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('say so when the action is not possible on this request', async () => {
    const user = userEvent.setup();
    renderShow(makeRefund({ id: 'r1', orderId: 'o1' }), 'u1');
    await waitForActions(['claim']);
    await user.keyboard('a');
    expect(screen.queryByTestId('approve-dialog')).toBeNull();
  });
});

describe('queue mode', () => {
  it('after a decision opens the next of my queue, or claims the next, or says the queue is empty', async () => {
    const user = userEvent.setup();
    const provider = renderShow(inReview(), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await user.keyboard('a');
    await screen.findByTestId('approve-dialog');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(provider.claimNext).toHaveBeenCalledTimes(1));
    const queueCall = provider.calls.find(
      (c) => c.method === 'getList' && JSON.stringify(c.params).includes('"assigneeId":"me"'),
    );
    expect(queueCall?.params).toMatchObject({
      filter: { assigneeId: 'me', status: ['in_review', 'pending'] },
      sort: { field: 'slaDueAt', order: 'ASC' },
    });
    expect(await screen.findByTestId('end-of-queue')).toHaveTextContent('End of queue');
  });
});
