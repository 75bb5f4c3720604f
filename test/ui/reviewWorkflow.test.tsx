// @vitest-environment jsdom
// The review screen's workflow UI: the action bar offers exactly what the workflow allows, and the
// dialogs prefill what the policy suggests and refuse what the API would refuse. Conflicts, the
// keyboard shortcuts and queue mode: reviewWorkflowKeys.test.tsx.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, RefundRequest, Role } from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { evaluatePolicy } from '../../src/domain/refundPolicy';
import { availableRefundActions } from '../../src/domain/refundWorkflow';
import { buttonActions } from '../../src/refunds/review/RefundActionBar';
import { NOW, makeRefund } from './fixtures';
import {
  DAY,
  workflowProvider,
  renderShow,
  valueOf,
  actionBar,
  waitForActions,
  inReview,
} from './reviewWorkflowKit';
import { FIRST_POLICY } from '../../src/domain/policyVersions';

describe('the action bar', () => {
  const cases: { name: string; user: string; role: Role; record: RefundRequest; expected: string[] }[] = [
    {
      name: 'reviewer, pending and unassigned: claim',
      user: 'u1',
      role: 'reviewer',
      record: makeRefund({ id: 'r1', orderId: 'o1' }),
      expected: ['claim'],
    },
    {
      name: 'reviewer, in review by them: release and the three decisions',
      user: 'u1',
      role: 'reviewer',
      record: inReview(),
      expected: ['release', 'approve', 'reject', 'request_info'],
    },
    {
      name: 'reviewer, in review by someone else: nothing',
      user: 'u1',
      role: 'reviewer',
      record: inReview({ assigneeId: 'u2' }),
      expected: [],
    },
    {
      name: 'reviewer, awaiting information: only the developer tool',
      user: 'u1',
      role: 'reviewer',
      record: inReview({ status: 'awaiting_info' }),
      expected: ['customer_reply'],
    },
    {
      name: 'supervisor, outside the window in review by them: no approve before an override',
      user: 'u3',
      role: 'supervisor',
      record: inReview({
        assigneeId: 'u3',
        purchasedAt: new Date(NOW - 20 * DAY).toISOString(),
        outsideWindow: true,
      }),
      expected: ['release', 'reject', 'request_info', 'override', 'reassign'],
    },
    {
      name: 'supervisor, awaiting a second approval by another: second approval, reassign',
      user: 'u3',
      role: 'supervisor',
      record: inReview({ status: 'awaiting_second_approval', firstApproverId: 'u7', approvedFen: 19_800 }),
      expected: ['second_approval', 'reassign'],
    },
    {
      name: 'supervisor who gave the first approval: no second approval',
      user: 'u3',
      role: 'supervisor',
      record: inReview({ status: 'awaiting_second_approval', firstApproverId: 'u3', approvedFen: 19_800 }),
      expected: ['reassign'],
    },
    {
      name: 'manager: nothing',
      user: 'u4',
      role: 'manager',
      record: inReview(),
      expected: [],
    },
  ];

  it.each(cases)('$name', async ({ user, role, record, expected }) => {
    const policy = evaluatePolicy(
      {
        ...record,
        accountStatus: 'normal',
        otherOpenRequestIds: [],
      },
      FIRST_POLICY,
    );
    // the expectation is the domain's own answer (the developer tool is on in tests)
    expect(
      buttonActions(availableRefundActions(record, { kind: 'staff', id: user, role }, policy), true),
    ).toEqual(expected);
    renderShow(record, user);
    // the file's first render also warms up the whole page: a generous bound on a busy machine
    await screen.findByTestId('policy-suggestion', {}, { timeout: 5_000 });
    if (expected.length === 0) {
      // wait for the identity, then check nothing appeared
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(actionBar()).toBeEmptyDOMElement();
    } else {
      await waitForActions(expected);
    }
  });

  it('makes the policy suggestion the primary button', async () => {
    renderShow(inReview({ providedItems: ['order_number'] }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    expect(within(actionBar()).getByText('Request information').closest('button')).toHaveAttribute(
      'data-primary',
      'true',
    );
    expect(within(actionBar()).getByText('Approve').closest('button')).toHaveAttribute(
      'data-primary',
      'false',
    );
  });

  it('claims a pending request with its version and shows the decisions', async () => {
    const record = makeRefund({ id: 'r1', orderId: 'o1', version: 4 });
    const provider = renderShow(record, 'u1');
    await waitForActions(['claim']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Claim' }));
    expect(provider.claimRefund).toHaveBeenCalledWith('r1', { version: 4 });
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
  });

  it('shows the customer profile and the history beside the request', async () => {
    const record = inReview();
    const events: AuditEvent[] = [
      make.auditEvent({
        at: new Date(NOW - 3_600_000).toISOString(),
        statusBefore: 'pending',
        statusAfter: 'in_review',
        details: { previousAssigneeId: null },
      }),
      make.auditEvent({
        id: 'e0',
        action: 'request_info',
        actorId: 'u2',
        at: new Date(NOW - 5 * 3_600_000).toISOString(),
        statusBefore: 'in_review',
        statusAfter: 'awaiting_info',
        customerMessage: 'Please send the order number.',
        details: { missingItems: ['order_number'] },
      }),
    ];
    renderShow(record, 'u1', workflowProvider([record], events));
    const unusual = await screen.findByTestId('profile-unusual');
    expect(unusual).toHaveTextContent('Unusual refund rate');
    expect(unusual).toHaveTextContent('5 or more requests in 90 days.');
    expect(unusual).toHaveTextContent('The payment account is shared with 1 other account.');
    expect(screen.getByTestId('profile-requests-90d')).toHaveTextContent('6');
    expect(screen.getByTestId('profile-approvals-90d')).toHaveTextContent('4');
    expect(screen.getByRole('link', { name: 'Jamie Wong' })).toBeInTheDocument();

    const history = await screen.findAllByTestId('history-event');
    // the fake provider does not sort: the page shows what the API answered for at ASC
    expect(history.map((e) => e.getAttribute('data-action'))).toEqual(['claim', 'request_info']);
    expect(history[0]).toHaveTextContent('Claimed');
    expect(history[0]).toHaveTextContent('Li Na');
    expect(history[0]).toHaveTextContent('Pending → In review');
    expect(history[1]).toHaveTextContent('Information requested');
    expect(history[1]).toHaveTextContent('Zhou Min');
    expect(history[1]).toHaveTextContent('Asked for: order number');
    expect(history[1]).toHaveTextContent('Please send the order number.');
  });
});

describe('in Chinese', () => {
  it('uses the glossary for the actions and the dialogs', async () => {
    const user = userEvent.setup();
    renderShow(inReview({ customerLocale: 'zh-CN' }), 'u1', undefined, 'zh-CN');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    expect([...actionBar().querySelectorAll('[data-action]')].map((b) => b.textContent)).toEqual([
      '释放',
      '通过',
      '驳回',
      '补充资料',
    ]);
    expect(screen.getByText('队列模式：处理完后自动打开我的下一条申请')).toBeInTheDocument();
    expect(screen.getByTestId('claim-next')).toHaveTextContent('领取下一条');
    await user.keyboard('a');
    const dialog = await screen.findByTestId('approve-dialog');
    expect(dialog).toHaveTextContent('退款金额');
    expect(within(dialog).getByTestId('dialog-submit')).toHaveTextContent('通过 ¥198.00');
    const amount = within(dialog).getByTestId('approve-amount');
    await user.clear(amount);
    await user.type(amount, '100');
    expect(within(dialog).getByTestId('partial-approval')).toHaveTextContent('部分通过');
    expect(within(dialog).getByTestId('dialog-submit')).toHaveTextContent('部分通过 ¥100.00');
  });
});

describe('the approve dialog', () => {
  const partlySpent = () =>
    inReview({ coins: 1_000, coinsSpent: 250, paidFen: 10_000, refundableFen: 7_500 });

  it('defaults to the refundable amount and refuses more', async () => {
    const provider = renderShow(partlySpent(), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByTestId('approve-dialog');
    const amount = within(dialog).getByTestId('approve-amount');
    expect(amount).toHaveValue('75.00');
    expect(valueOf(within(dialog).getByTestId('customer-message'))).toContain('¥75.00 for the unspent coins');

    await userEvent.clear(amount);
    await userEvent.type(amount, '80');
    expect(dialog).toHaveTextContent('The amount cannot exceed the refundable ¥75.00.');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    expect(provider.approveRefund).not.toHaveBeenCalled();

    await userEvent.clear(amount);
    await userEvent.type(amount, '50.5');
    expect(within(dialog).getByTestId('partial-approval')).toHaveTextContent(
      'Partial approval: ¥50.50 of the refundable ¥75.00.',
    );
    expect(valueOf(within(dialog).getByTestId('customer-message'))).toContain('¥50.50');
    expect(within(dialog).getByTestId('dialog-submit')).toHaveTextContent('Partially approve ¥50.50');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    await waitFor(() => expect(provider.approveRefund).toHaveBeenCalledTimes(1));
    expect(provider.approveRefund).toHaveBeenCalledWith('r1', {
      version: 1,
      amountFen: 5_050,
      customerMessage: expect.stringContaining('order CZ'),
    });
  });

  it('says when the approval needs a second approval', async () => {
    renderShow(inReview({ paidFen: 60_000, coins: 6_000, refundableFen: 60_000 }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByTestId('approve-dialog');
    expect(within(dialog).getByTestId('needs-second-approval')).toBeInTheDocument();
    const amount = within(dialog).getByTestId('approve-amount');
    await userEvent.clear(amount);
    await userEvent.type(amount, '500');
    expect(within(dialog).queryByTestId('needs-second-approval')).toBeNull();
  });

  it('writes the message in the customer’s language', async () => {
    renderShow(inReview({ customerLocale: 'zh-CN' }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByTestId('approve-dialog');
    expect(valueOf(within(dialog).getByTestId('customer-message'))).toContain('审核通过，¥198.00');
    expect(dialog).toHaveTextContent('Message to the customer (Chinese (Simplified))');
  });
});

describe('going against the policy suggestion', () => {
  it('needs a short reason, sent as againstSuggestionReason', async () => {
    // information is missing: the policy asks for it, so a rejection goes against the suggestion
    const provider = renderShow(inReview({ providedItems: ['order_number', 'purchase_time'] }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByTestId('reject-dialog');
    expect(within(dialog).getByTestId('against-suggestion')).toHaveTextContent(
      'The policy suggests: Request information.',
    );
    // no reason code is suggested: choose one
    fireEvent.change(within(dialog).getByTestId('reject-reason'), { target: { value: 'suspected_fraud' } });
    expect(valueOf(within(dialog).getByTestId('customer-message'))).toContain(
      'some details could not be confirmed',
    );
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    expect(dialog).toHaveTextContent('Say briefly why you go against the policy suggestion.');
    expect(provider.rejectRefund).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByTestId('against-reason'), 'Chargeback on file');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    await waitFor(() => expect(provider.rejectRefund).toHaveBeenCalledTimes(1));
    expect(provider.rejectRefund).toHaveBeenCalledWith(
      'r1',
      expect.objectContaining({
        version: 1,
        reasonCode: 'suspected_fraud',
        againstSuggestionReason: 'Chargeback on file',
      }),
    );
  });

  it('needs no reason when the suggestion is taken', async () => {
    renderShow(inReview({ providedItems: ['order_number', 'purchase_time'] }), 'u1');
    await waitForActions(['release', 'approve', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Request information' }));
    const dialog = await screen.findByTestId('request-info-dialog');
    expect(within(dialog).queryByTestId('against-suggestion')).toBeNull();
    expect(within(dialog).getByTestId('info-item-reason_detail')).toBeChecked();
    expect(within(dialog).getByTestId('info-item-order_number')).not.toBeChecked();
  });

  it('updates the rejection message with the reason until the reviewer edits it; other needs a note', async () => {
    const record = inReview({ coins: 100, coinsSpent: 100, refundableFen: 0 });
    const provider = renderShow(record, 'u1');
    await waitForActions(['release', 'reject', 'request_info']);
    await userEvent.click(within(actionBar()).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByTestId('reject-dialog');
    const message = within(dialog).getByTestId('customer-message');
    expect(within(dialog).getByTestId('reject-reason')).toHaveValue('coins_spent');
    expect(valueOf(message)).toContain('all the coins bought with this order have been spent');
    fireEvent.change(within(dialog).getByTestId('reject-reason'), { target: { value: 'tipping_policy' } });
    expect(valueOf(message)).toContain('tips cannot be refunded');
    await userEvent.clear(message);
    await userEvent.type(message, 'Custom words.');
    fireEvent.change(within(dialog).getByTestId('reject-reason'), { target: { value: 'other' } });
    expect(message).toHaveValue('Custom words.');
    await userEvent.click(within(dialog).getByTestId('dialog-submit'));
    expect(dialog).toHaveTextContent('Explain the reason in the note when the reason is “Other”.');
    expect(provider.rejectRefund).not.toHaveBeenCalled();
  });
});
