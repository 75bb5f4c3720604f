// @vitest-environment jsdom
// The one action pipeline: useWorkflowCommand runs a refund or a complaint command the same way —
// success notified by message key, a 409 shown with who changed the record (a refund names its
// last editor, a complaint its newest audit event) and the provider's message, the error kept for
// the dialog — and the dialog validators come from the domain's own body schemas.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, Notification, type Validator } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { complaintActionBodySchemas } from '../../src/domain/complaintWorkflow';
import type { Complaint } from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { refundActionBodySchemas } from '../../src/domain/refundWorkflow';
import { saveSession } from '../../src/providers/session';
import { ComplaintSecondApprovalButton } from '../../src/complaints/ComplaintSecondApproval';
import { useComplaintCommand, useRefundCommand } from '../../src/workflow/commands';
import { fieldValidator, isRequiredField } from '../../src/workflow/validators';
import { fakeDataProvider, makeRefund, renderWithAdmin, users } from './fixtures';

function signInAs(id: string) {
  const user = users.find((u) => u.id === id)!;
  saveSession({
    token: 'test-token',
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
  });
}

const complaint: Complaint = make.complaint({
  customerName: 'Eve',
  channel: 'phone',
  status: 'investigating',
  assigneeId: 'u3',
  openedBy: 'u1',
  version: 3,
});

function RejectProbe() {
  const reject = useRefundCommand('rejectRefund');
  return (
    <>
      <button
        onClick={() =>
          reject.run(
            { id: 'r1', payload: { version: 1, reasonCode: 'duplicate', customerMessage: 'No.' } },
            {
              done: (updated) => ({
                key: 'refunds.review.done.reject',
                args: { orderNumber: updated.orderNumber },
              }),
            },
          )
        }
      >
        run
      </button>
      <span data-testid="busy">{String(reject.isPending)}</span>
      <span data-testid="kept-error">{reject.error ? String(reject.error.status) : ''}</span>
    </>
  );
}

function EscalateProbe() {
  const escalate = useComplaintCommand('escalateComplaint');
  return (
    <>
      <button
        onClick={() =>
          escalate.run(
            { id: 'c1', payload: { version: 3, reason: 'Regulator.' } },
            { done: 'complaints.actions.done.escalate' },
          )
        }
      >
        run
      </button>
      <span data-testid="kept-error">{escalate.error ? String(escalate.error.status) : ''}</span>
    </>
  );
}

describe('useWorkflowCommand', () => {
  it('notifies a success by its message key and arguments', async () => {
    signInAs('u1');
    const refund = makeRefund({ id: 'r1', orderNumber: 'CZ-42', status: 'in_review' });
    const provider = Object.assign(fakeDataProvider({ refunds: [refund], users }), {
      rejectRefund: vi.fn(async () => ({ data: { ...refund, status: 'rejected' as const, version: 2 } })),
    });
    renderWithAdmin(
      <>
        <RejectProbe />
        <Notification />
      </>,
      { dataProvider: provider },
    );
    await userEvent.click(screen.getByRole('button', { name: 'run' }));
    expect(await screen.findByText('Rejected CZ-42')).toBeInTheDocument();
    expect(provider.rejectRefund).toHaveBeenCalledWith('r1', {
      version: 1,
      reasonCode: 'duplicate',
      customerMessage: 'No.',
    });
    expect(screen.getByTestId('kept-error')).toHaveTextContent('');
  });

  it('shows a refund 409 with who changed the request and the provider message, and keeps the error', async () => {
    signInAs('u1');
    const refund = makeRefund({ id: 'r1', status: 'in_review' });
    const current = { ...refund, status: 'rejected' as const, version: 2, updatedBy: 'u3' };
    const provider = Object.assign(fakeDataProvider({ refunds: [current], users }), {
      rejectRefund: vi.fn(async () => {
        throw new HttpError('Version 2 is current, you sent 1.', 409, { message: 'raw', current });
      }),
    });
    renderWithAdmin(
      <>
        <RejectProbe />
        <Notification />
      </>,
      { dataProvider: provider },
    );
    await userEvent.click(screen.getByRole('button', { name: 'run' }));
    const note = await screen.findByTestId('workflow-error-notification');
    expect(note).toHaveTextContent('Someone else changed this request');
    await waitFor(() =>
      expect(note).toHaveTextContent('Wang Qiang changed this request; it is now Rejected.'),
    );
    // the message as the provider gives it (the HTTP client may have translated it), not the raw body
    expect(note).toHaveTextContent('Version 2 is current, you sent 1.');
    expect(screen.getByTestId('kept-error')).toHaveTextContent('409');
    expect(screen.getByTestId('busy')).toHaveTextContent('false');
  });

  it("shows a complaint 409 with the author of the complaint's newest event", async () => {
    signInAs('u1');
    const current = { ...complaint, status: 'escalated' as const, version: 4 };
    const lastEvent = make.auditEvent({
      id: 'e9',
      complaintId: 'c1',
      action: 'escalate',
      actorId: 'u3',
      at: '2026-03-10T11:00:00.000Z',
      statusBefore: 'investigating',
      statusAfter: 'escalated',
    });
    const provider = Object.assign(fakeDataProvider({ complaints: [current], events: [lastEvent], users }), {
      escalateComplaint: vi.fn(async () => {
        throw new HttpError('The complaint changed.', 409, { message: 'x', current });
      }),
    });
    renderWithAdmin(
      <>
        <EscalateProbe />
        <Notification />
      </>,
      { dataProvider: provider },
    );
    await userEvent.click(screen.getByRole('button', { name: 'run' }));
    const note = await screen.findByTestId('workflow-error-notification');
    expect(note).toHaveTextContent('Someone else changed this complaint');
    await waitFor(() =>
      expect(note).toHaveTextContent('Wang Qiang changed this complaint; it is now Escalated.'),
    );
    expect(note).toHaveTextContent('The complaint changed.');
    expect(screen.getByTestId('kept-error')).toHaveTextContent('409');
  });
});

/** Runs a react-admin validator on one value (the other values and the props play no part here). */
const check = (validator: Validator, value: unknown) => validator(value, {}, {} as never);

describe('dialog validators from the domain schemas', () => {
  it('a required text: empty, too long (the schema limit), invisible, fine', () => {
    const validate = fieldValidator(complaintActionBodySchemas.escalate, 'reason');
    expect(check(validate, '')).toBe('ra.validation.required');
    expect(check(validate, '   ')).toBe('ra.validation.required');
    expect(check(validate, 'x'.repeat(2001))).toEqual({
      message: 'common.form.too_long',
      args: { max: 2000 },
    });
    expect(check(validate, 'x'.repeat(2000))).toBeUndefined();
    expect(check(validate, '\u200b\u2060')).toBe('common.form.invisible');
    expect(check(validate, 'The customer threatens to go to the regulator.')).toBeUndefined();
  });

  it('an optional note may be empty but not longer than the schema allows', () => {
    const validate = fieldValidator(complaintActionBodySchemas.close, 'note');
    expect(check(validate, '')).toBeUndefined();
    expect(check(validate, undefined)).toBeUndefined();
    expect(check(validate, 'x'.repeat(2001))).toEqual({
      message: 'common.form.too_long',
      args: { max: 2000 },
    });
    expect(isRequiredField(complaintActionBodySchemas.close, 'note')).toBe(false);
    expect(isRequiredField(complaintActionBodySchemas.escalate, 'reason')).toBe(true);
  });

  it("the refund bodies' limits too (the message to the customer, the reason against the suggestion)", () => {
    const message = fieldValidator(refundActionBodySchemas.reject, 'customerMessage');
    expect(check(message, 'x'.repeat(2001))).toEqual({
      message: 'common.form.too_long',
      args: { max: 2000 },
    });
    const against = fieldValidator(refundActionBodySchemas.reject, 'againstSuggestionReason');
    expect(check(against, 'x'.repeat(501))).toEqual({ message: 'common.form.too_long', args: { max: 500 } });
    expect(check(fieldValidator(refundActionBodySchemas.request_info, 'missingItems'), [])).toBe(
      'ra.validation.required',
    );
  });
});

describe('a four-eyes dialog (a Dialog around <Form>)', () => {
  it('refuses a send-back without a note and sends one back with it', async () => {
    signInAs('u1');
    const pending = {
      ...complaint,
      pendingResolution: {
        outcome: 'overturned' as const,
        by: 'u3',
        at: '2026-03-10T11:00:00.000Z',
        customerMessage: 'Full refund.',
        amountFen: 60_000,
        reasons: ['over_threshold' as const],
      },
    } satisfies Complaint;
    const provider = Object.assign(fakeDataProvider({ complaints: [pending], users }), {
      secondApproveComplaint: vi.fn(async () => ({ data: { ...pending, version: 4 } })),
    });
    renderWithAdmin(<ComplaintSecondApprovalButton complaint={pending} />, { dataProvider: provider });
    await userEvent.click(screen.getByTestId('complaint-action-second_approval'));
    const dialog = await screen.findByTestId('complaint-dialog-second_approval');
    await userEvent.click(within(dialog).getByTestId('complaint-second-approval-send-back'));
    expect(await within(dialog).findByText('Explain why the resolution is sent back.')).toBeInTheDocument();
    expect(provider.secondApproveComplaint).not.toHaveBeenCalled();

    await userEvent.type(within(dialog).getByTestId('complaint-second-approval-note'), '  Wrong amount.  ');
    await userEvent.click(within(dialog).getByTestId('complaint-second-approval-send-back'));
    await waitFor(() => expect(provider.secondApproveComplaint).toHaveBeenCalledTimes(1));
    expect(provider.secondApproveComplaint).toHaveBeenCalledWith('c1', {
      version: 3,
      decision: 'send_back',
      note: 'Wrong amount.',
    });
  });

  it('confirms with an empty note: the note is required only for a send-back', async () => {
    signInAs('u1');
    const provider = Object.assign(fakeDataProvider({ complaints: [complaint], users }), {
      secondApproveComplaint: vi.fn(async () => ({ data: { ...complaint, version: 4 } })),
    });
    renderWithAdmin(<ComplaintSecondApprovalButton complaint={complaint} />, { dataProvider: provider });
    await userEvent.click(screen.getByTestId('complaint-action-second_approval'));
    const dialog = await screen.findByTestId('complaint-dialog-second_approval');
    await userEvent.click(within(dialog).getByTestId('complaint-second-approval-confirm'));
    await waitFor(() =>
      expect(provider.secondApproveComplaint).toHaveBeenCalledWith('c1', { version: 3, decision: 'confirm' }),
    );
  });
});
