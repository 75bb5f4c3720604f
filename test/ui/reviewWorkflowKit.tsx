// What the review-screen suites share (reviewWorkflow*.test.tsx): the staff and a signed-in user, a
// data provider that records the workflow commands, the review screen rendered in react-admin, and
// the action bar's buttons.
import { screen, waitFor } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { expect, vi } from 'vitest';
import type { CustomerRefundProfile } from '../../src/domain/customerProfile';
import type { AuditEvent, RefundRequest, StaffUser } from '../../src/domain/model';
import { ShortcutHelp } from '../../src/layout/ShortcutHelp';
import { createAuthProvider } from '../../src/providers/authProvider';
import type { RefundCommandMethod } from '../../src/providers/dataProvider';
import { saveSession } from '../../src/providers/session';
import { RefundShow } from '../../src/refunds/RefundShow';
import { fakeDataProvider, makeCustomer, makeRefund, renderWithAdmin } from './fixtures';

export const DAY = 24 * 3_600_000;

export const staff: StaffUser[] = [
  { id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer', active: true },
  { id: 'u2', username: 'reviewer2', fullName: 'Zhou Min', role: 'reviewer', active: true },
  { id: 'u3', username: 'supervisor', fullName: 'Wang Qiang', role: 'supervisor', active: true },
  { id: 'u7', username: 'supervisor2', fullName: 'Zhao Min', role: 'supervisor', active: true },
  { id: 'u4', username: 'manager', fullName: 'Zhang Wei', role: 'manager', active: true },
];

export function signIn(id: string) {
  const user = staff.find((u) => u.id === id)!;
  saveSession({
    token: 'test-token',
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
  });
}

export const profile: CustomerRefundProfile = {
  customerId: 'cu1',
  requests90d: 6,
  approvals90d: 4,
  refundedFen90d: 52_300,
  requests7d: 1,
  linkedAccounts: [{ id: 'cu9', name: 'Jamie Wong' }],
  unusualRate: true,
  unusualReasons: ['many_requests_90d', 'linked_accounts'],
};

export type CommandName =
  RefundCommandMethod | 'claimNext' | 'bulkReassign' | 'bulkReject' | 'getRefundProfile';

/** The fake provider of fixtures.tsx plus the workflow commands as spies over the same records. */
export function workflowProvider(refunds: RefundRequest[], events: AuditEvent[] = []) {
  const base = fakeDataProvider({ refunds, customers: [makeCustomer()], users: staff, events });
  const answer = (id: unknown, changes: Partial<RefundRequest>) => {
    const index = refunds.findIndex((r) => r.id === id);
    refunds[index] = { ...refunds[index], ...changes, version: refunds[index].version + 1 };
    return Promise.resolve({ data: refunds[index] });
  };
  const commands = {
    claimNext: vi.fn(async () => ({ data: null })),
    claimRefund: vi.fn((id: unknown) => answer(id, { status: 'in_review', assigneeId: 'u1' })),
    releaseRefund: vi.fn((id: unknown) => answer(id, { status: 'pending', assigneeId: null })),
    approveRefund: vi.fn((id: unknown, p: { amountFen?: number }) =>
      answer(id, { status: 'approved', approvedFen: p.amountFen ?? null }),
    ),
    rejectRefund: vi.fn((id: unknown) => answer(id, { status: 'rejected' })),
    requestRefundInfo: vi.fn((id: unknown) => answer(id, { status: 'awaiting_info' })),
    simulateCustomerReply: vi.fn((id: unknown) => answer(id, { status: 'pending' })),
    secondApproval: vi.fn((id: unknown) => answer(id, { status: 'approved' })),
    overrideRefund: vi.fn((id: unknown) => answer(id, { overrideBy: 'u3' })),
    reassignRefund: vi.fn((id: unknown, p: { assigneeId: string }) =>
      answer(id, { assigneeId: p.assigneeId }),
    ),
    bulkReassign: vi.fn(),
    bulkReject: vi.fn(),
    getRefundProfile: vi.fn(async () => ({ data: profile })),
  } satisfies Record<CommandName, unknown>;
  return Object.assign(base, commands);
}

export function renderShow(
  record: RefundRequest,
  userId: string,
  provider = workflowProvider([record]),
  locale: 'en' | 'zh-CN' = 'en',
) {
  signIn(userId);
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <input aria-label="elsewhere" />
      <ShortcutHelp />
      <RefundShow id={record.id} />
    </ResourceContextProvider>,
    { dataProvider: provider, authProvider: createAuthProvider(), locale },
  );
  return provider;
}

export const valueOf = (element: HTMLElement) => (element as HTMLInputElement | HTMLTextAreaElement).value;

export const actionBar = () => screen.getByTestId('refund-actions');
export const shownActions = () =>
  [...actionBar().querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'));

/** Waits until the action bar has settled on its buttons (policy and identity loaded). */
export async function waitForActions(expected: string[]) {
  await waitFor(() => expect(shownActions()).toEqual(expected), { timeout: 5_000 });
}

export const inReview = (overrides: Partial<RefundRequest> = {}) =>
  makeRefund({ id: 'r1', orderId: 'o1', status: 'in_review', assigneeId: 'u1', ...overrides });
