// @vitest-environment jsdom
// The queue's rows come before the controls around them: the controls' chunk is asked for only
// once the first rows are on screen, placeholders hold their place meanwhile, a chunk that fails
// to load is reported while the rows stay, and once loaded the controls come with the rows.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { Notification, ResourceContextProvider, type DataProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const CONTROLS = '../../src/refunds/QueueControls';

/**
 * A fresh copy of the app's modules, so the controls are not loaded yet (their loader keeps them
 * once loaded), and a reviewer signed in.
 */
async function freshModules() {
  vi.resetModules();
  const fixtures = await import('./fixtures');
  const { RefundList } = await import('../../src/refunds');
  const afterRows = await import('../../src/refunds/AfterRows');
  const { createAuthProvider } = await import('../../src/providers/authProvider');
  const { saveSession } = await import('../../src/providers/session');
  saveSession({
    token: 'test-token',
    user: { id: 'u1', username: 'reviewer', fullName: 'Li Na', role: 'reviewer' },
  });
  const rows = [
    fixtures.makeRefund({ orderNumber: 'CZ-FIRST', status: 'pending' }),
    fixtures.makeRefund({ orderNumber: 'CZ-SECOND', status: 'in_review', assigneeId: 'u1' }),
  ];
  const render = (
    dataProvider: DataProvider = fixtures.fakeDataProvider({ refunds: rows, users: fixtures.users }),
  ) =>
    fixtures.renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundList />
        <Notification />
      </ResourceContextProvider>,
      { dataProvider, authProvider: createAuthProvider() },
    );
  return { ...fixtures, rows, afterRows, render };
}

/** Holds the controls' chunk until `release` is called. */
function gateControls() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const asked = vi.fn();
  vi.doMock(CONTROLS, async (importOriginal) => {
    asked();
    await gate;
    return importOriginal();
  });
  return { release, asked };
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  // the fixtures' own clean-up belongs to the copy of them imported first
  cleanup();
  localStorage.clear();
  vi.doUnmock(CONTROLS);
});

describe('the queue page: rows first, then the controls', () => {
  it('shows the rows with placeholders, asks for the controls after them, then shows the controls', async () => {
    const { release, asked } = gateControls();
    const { afterRows, render } = await freshModules();
    render();
    const row = (await screen.findByText('CZ-FIRST')).closest('tr')!;
    // the rows can be selected from the start; the buttons for the selection come with the controls
    await waitFor(() => expect(within(row).getByRole('checkbox')).toBeInTheDocument());
    expect(screen.queryByTestId('refund-filter-sidebar')).toBeNull();
    expect(screen.queryByTestId('queue-tabs')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    // the filter bar comes with the rows: its height depends on the filters shown
    expect(screen.getByPlaceholderText('Order number, customer, description')).toBeInTheDocument();
    await waitFor(() => expect(asked).toHaveBeenCalled());
    expect(afterRows.loadedQueueControls()).toBeNull();

    release();
    const sidebar = await screen.findByTestId('refund-filter-sidebar');
    expect(within(sidebar).getByText('Saved queries')).toBeInTheDocument();
    expect(screen.getByTestId('queue-tabs')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export' })).toBeInTheDocument();
    expect(screen.getByText('CZ-FIRST')).toBeInTheDocument();
    expect(afterRows.loadedQueueControls()).not.toBeNull();
  });

  it('does not ask for the controls while the rows are on their way', async () => {
    const { asked } = gateControls();
    const { fakeDataProvider, rows, users, render } = await freshModules();
    const inner = fakeDataProvider({ refunds: rows, users });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    render({
      ...inner,
      getList: async (...args: Parameters<typeof inner.getList>) => {
        if (args[0] === 'refunds') await answered;
        return inner.getList(...args);
      },
    });
    // several frames with the list still waiting for its rows
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(asked).not.toHaveBeenCalled();
    answer();
    await screen.findByText('CZ-FIRST');
    await waitFor(() => expect(asked).toHaveBeenCalled());
  });

  it('keeps the rows and says so when the controls cannot load', async () => {
    vi.doMock(CONTROLS, () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { render } = await freshModules();
    render();
    await screen.findByText('CZ-FIRST');
    expect(
      await screen.findByText(
        'The filters and buttons of this page could not load. Reload the page to use them.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('CZ-SECOND')).toBeInTheDocument();
    expect(screen.queryByTestId('refund-filter-sidebar')).toBeNull();
  });

  it('shows the controls with the rows once they have been loaded', async () => {
    const { afterRows, render } = await freshModules();
    await afterRows.loadQueueControls();
    render();
    // coming back to the queue: the sidebar is there in the same render as the rows
    await screen.findByText('CZ-FIRST');
    expect(screen.getByTestId('refund-filter-sidebar')).toBeInTheDocument();
  });
});
