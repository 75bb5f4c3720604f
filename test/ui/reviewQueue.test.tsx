// @vitest-environment jsdom
// The review queue around the list: tabs with counts (filter presets), claim next, bulk
// reassignment and bulk rejection with per-item failures, and the j / k / Enter keyboard cursor.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { Notification, ResourceContextProvider, type GetListParams } from 'react-admin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RefundRequest, StaffUser } from '../../src/domain/model';
import { createAuthProvider } from '../../src/providers/authProvider';
import type { BulkResult } from '../../src/providers/dataProvider';
import { saveSession } from '../../src/providers/session';
import { RefundList } from '../../src/refunds';
import { bulkRejectionTemplate } from '../../src/refunds/review/bulkRejection';
import { fakeDataProvider, makeRefund, renderWithAdmin } from './fixtures';

const staff: StaffUser[] = [
  { id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer', active: true },
  { id: 'u2', username: 'reviewer2', fullName: 'Zhou Min', role: 'reviewer', active: true },
  { id: 'u3', username: 'supervisor', fullName: 'Wang Qiang', role: 'supervisor', active: true },
  { id: 'u4', username: 'manager', fullName: 'Zhang Wei', role: 'manager', active: true },
];

function signIn(id: string) {
  const user = staff.find((u) => u.id === id)!;
  saveSession({
    token: 'test-token',
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role },
  });
}

function queue(): RefundRequest[] {
  return [
    makeRefund({ id: 'q1', orderNumber: 'CZ-A', status: 'in_review', assigneeId: 'u1', duplicate: true }),
    makeRefund({ id: 'q2', orderNumber: 'CZ-B', status: 'in_review', assigneeId: 'u1', duplicate: true }),
    makeRefund({ id: 'q3', orderNumber: 'CZ-C', status: 'pending', assigneeId: null }),
    makeRefund({ id: 'q4', orderNumber: 'CZ-D', status: 'awaiting_second_approval', assigneeId: 'u2' }),
  ];
}

const listLoaded = async () => {
  const row = await screen.findByText('CZ-A', undefined, { timeout: 5_000 });
  // jsdom focuses the (hidden, kept mounted) column chooser's search box; a browser cannot. The
  // toolbar that holds it renders just after the rows (AfterRows): wait for the box, then blur it.
  await waitFor(() => expect(document.querySelector('[id$="-columnsSelector"] input')).not.toBeNull(), {
    timeout: 5_000,
  });
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  return row;
};

beforeEach(() => {
  // the list keeps its filters in the URL: each test starts on a clean one
  window.history.replaceState(null, '', '/');
});

function renderList(userId: string, refunds = queue()) {
  signIn(userId);
  const inner = fakeDataProvider({ refunds, users: staff });
  const calls: typeof inner.calls = [];
  // the aliases the real provider and the API resolve: "me" and "unassigned"
  const resolve = (filter: Record<string, unknown> = {}) =>
    'assigneeId' in filter
      ? {
          ...filter,
          assigneeId:
            filter.assigneeId === 'me'
              ? userId
              : filter.assigneeId === 'unassigned'
                ? null
                : filter.assigneeId,
        }
      : filter;
  const provider = Object.assign(
    { ...inner },
    {
      calls,
      getList: (resource: string, params: GetListParams) => {
        calls.push({ method: 'getList', resource, params });
        return inner.getList(resource, { ...params, filter: resolve(params.filter) });
      },
      claimNext: vi.fn(async () => ({ data: null })),
      bulkReassign: vi.fn(async (p: { items: { id: string }[] }): Promise<{ data: BulkResult }> => ({
        data: { results: p.items.map((i) => ({ id: i.id, ok: true })), succeeded: p.items.length, failed: 0 },
      })),
      bulkReject: vi.fn(async (p: { items: { id: string }[] }): Promise<{ data: BulkResult }> => ({
        data: {
          results: p.items.map((i, n) =>
            n === 0
              ? { id: i.id, ok: true }
              : { id: i.id, ok: false, status: 409, message: 'This request is not assigned to you.' },
          ),
          succeeded: 1,
          failed: p.items.length - 1,
        },
      })),
    },
  );
  renderWithAdmin(
    <ResourceContextProvider value="refunds">
      <Routes>
        <Route path="/refunds/:id/show" element={<p>showing request</p>} />
        <Route path="*" element={<RefundList />} />
      </Routes>
      <Notification />
    </ResourceContextProvider>,
    { dataProvider: provider, authProvider: createAuthProvider() },
  );
  return provider;
}

describe('queue tabs', () => {
  it('show a reviewer all open, my queue and unassigned, with counts', async () => {
    renderList('u1');
    await listLoaded();
    const tabs = screen.getByTestId('queue-tabs');
    await waitFor(() => expect(within(tabs).getAllByRole('tab')).toHaveLength(3));
    expect(within(tabs).getByRole('tab', { name: /All open/ })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(screen.getByTestId('queue-count-open')).toHaveTextContent('4'));
    expect(screen.getByTestId('queue-count-mine')).toHaveTextContent('2');
    expect(screen.getByTestId('queue-count-unassigned')).toHaveTextContent('1');
    expect(within(tabs).queryByText('Awaiting second approval')).toBeNull();
  });

  it('each tab is a filter preset asked of the server', async () => {
    const provider = renderList('u1');
    await listLoaded();
    await userEvent.click(within(screen.getByTestId('queue-tabs')).getByRole('tab', { name: /My queue/ }));
    await waitFor(() =>
      expect(provider.calls).toContainEqual(
        expect.objectContaining({
          method: 'getList',
          resource: 'refunds',
          params: expect.objectContaining({
            filter: { assigneeId: 'me', status: ['in_review', 'pending'] },
            pagination: { page: 1, perPage: 25 },
          }),
        }),
      ),
    );
    expect(screen.getByRole('tab', { name: /My queue/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('give supervisors the second-approval tab', async () => {
    renderList('u3');
    await listLoaded();
    const tab = await screen.findByRole('tab', { name: /Awaiting second approval/ });
    await waitFor(() => expect(screen.getByTestId('queue-count-second_approval')).toHaveTextContent('1'));
    await userEvent.click(tab);
    await waitFor(() => expect(screen.queryByText('CZ-A')).toBeNull(), { timeout: 5_000 });
    expect(screen.getByText('CZ-D')).toBeInTheDocument();
  });
});

describe('claim next on the list', () => {
  it('n claims the next request; an empty pool says end of queue', async () => {
    const user = userEvent.setup();
    const provider = renderList('u1');
    await listLoaded();
    await screen.findByTestId('claim-next');
    await user.keyboard('n');
    await waitFor(() => expect(provider.claimNext).toHaveBeenCalledTimes(1));
    expect(await screen.findByText(/End of queue/)).toBeInTheDocument();
  });

  it('is not offered to supervisors (the permission table gives them no claim_next)', async () => {
    renderList('u3');
    await listLoaded();
    await screen.findByTestId('queue-tabs');
    expect(screen.queryByTestId('claim-next')).toBeNull();
  });
});

describe('keyboard cursor', () => {
  it('j and k move through the rows, Enter opens the one under the cursor', async () => {
    const user = userEvent.setup();
    renderList('u1');
    await listLoaded();
    await user.keyboard('jjjk');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('showing request')).toBeInTheDocument();
  });
});

describe('bulk actions', () => {
  it('supervisors reassign the selected requests to one person', async () => {
    const user = userEvent.setup();
    const provider = renderList('u3');
    await listLoaded();
    await user.click(within(screen.getByText('CZ-A').closest('tr')!).getByRole('checkbox'));
    await user.click(within(screen.getByText('CZ-C').closest('tr')!).getByRole('checkbox'));
    await user.click(await screen.findByTestId('bulk-reassign'));
    const dialog = await screen.findByTestId('bulk-reassign-dialog');
    await user.click(within(dialog).getByRole('combobox'));
    await user.click(await screen.findByRole('option', { name: /Zhou Min/ }));
    await user.click(within(dialog).getByTestId('dialog-submit'));
    await waitFor(() => expect(provider.bulkReassign).toHaveBeenCalledTimes(1));
    expect(provider.bulkReassign).toHaveBeenCalledWith({
      items: [
        { id: 'q1', version: 1 },
        { id: 'q3', version: 1 },
      ],
      assigneeId: 'u2',
    });
    expect(await screen.findByText('2 of 2 reassigned.')).toBeInTheDocument();
  });

  it('reviewers reject duplicates with one reason and message, and read the per-item failures', async () => {
    const user = userEvent.setup();
    const provider = renderList('u1');
    await listLoaded();
    expect(screen.queryByTestId('bulk-reassign')).toBeNull();
    await user.click(within(screen.getByText('CZ-A').closest('tr')!).getByRole('checkbox'));
    await user.click(within(screen.getByText('CZ-B').closest('tr')!).getByRole('checkbox'));
    await user.click(await screen.findByTestId('bulk-reject'));
    const dialog = await screen.findByTestId('bulk-reject-dialog');
    const message = within(dialog).getByTestId('customer-message') as HTMLTextAreaElement;
    // two orders: the message never names one customer's order to another
    expect(message.value).toContain('for your order');
    expect(message.value).not.toContain('CZ-A');
    await user.click(within(dialog).getByTestId('dialog-submit'));
    await waitFor(() => expect(provider.bulkReject).toHaveBeenCalledTimes(1));
    expect(provider.bulkReject).toHaveBeenCalledWith({
      items: [
        { id: 'q1', version: 1 },
        { id: 'q2', version: 1 },
      ],
      reasonCode: 'duplicate',
      customerMessage: message.value.trim(),
    });
    const report = await screen.findByTestId('bulk-report');
    expect(report).toHaveTextContent('1 of 2 rejected.');
    expect(report).toHaveTextContent('1 failed:');
    expect(report).toHaveTextContent('CZ-B: This request is not assigned to you.');
  });

  it('words one message for several orders without naming any of them', () => {
    expect(bulkRejectionTemplate('duplicate', 'zh-CN', ['CZ1', 'CZ2'])).toMatch(/^您好，该订单已有一笔/);
    expect(bulkRejectionTemplate('duplicate', 'en', ['CZ1', 'CZ1'])).toContain('for order CZ1');
    expect(bulkRejectionTemplate('outside_window', 'en', ['CZ1', 'CZ2'])).toContain(
      'refund request for your order',
    );
  });
});
