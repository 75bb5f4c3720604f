// @vitest-environment jsdom
// Customer text with bidi controls (an RLO makes "invoice‮fdp.exe" read "invoiceexe.pdf") shows
// neutralised wherever it appears: the controls are not in the page's text, each stands as a
// visible, labelled mark in its place, and the text is isolated in a <bdi>.
import { screen, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { ComplaintList } from '../../src/complaints/ComplaintList';
import type { AuditEvent } from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { RefundList } from '../../src/refunds';
import { RefundShow } from '../../src/refunds/RefundShow';
import { fakeDataProvider, makeCustomer, makeOrder, makeRefund, renderWithAdmin, users } from './fixtures';

const RLO = '\u202E';
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** The element shows the text neutralised: no live control, a mark for each, all inside a <bdi>. */
function expectNeutralised(element: Element, visible: string, marks: string[]) {
  expect(BIDI.test(element.textContent ?? '')).toBe(false);
  expect(element).toHaveTextContent(visible);
  const shown = [...element.querySelectorAll('[data-bidi-control]')];
  expect(shown.map((m) => m.getAttribute('data-bidi-control'))).toEqual(marks);
  for (const mark of shown) {
    expect(mark.closest('bdi')).not.toBeNull();
    expect(mark.tagName).toBe('ABBR');
    expect(mark.getAttribute('title')).toMatch(/^Hidden text-direction control (RLO|RLI|PDI) \(U+/);
  }
}

describe('bidi controls in customer text', () => {
  it('the queue shows a customer name with an RLO as a visible mark', async () => {
    const refunds = [makeRefund({ orderNumber: 'CZ-RLO', customerName: `Eve ${RLO}gnaW iL` })];
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundList />
      </ResourceContextProvider>,
      { dataProvider: fakeDataProvider({ refunds, users }) },
    );
    const row = (await screen.findByText('CZ-RLO')).closest('tr')!;
    expectNeutralised(row, 'Eve ⟨RLO⟩gnaW iL', ['U+202E']);
  });

  it('the request page neutralises the description, file names, the customer name and the history', async () => {
    const record = makeRefund({
      id: 'r1',
      orderId: 'o1',
      orderNumber: 'CZ-SHOW',
      description: `Refund ${RLO}0.001¥ please`,
      evidenceFiles: [`invoice${RLO}fdp.exe`],
    });
    const events: AuditEvent[] = [
      make.auditEvent({
        action: 'customer_reply',
        actorKind: 'customer',
        actorId: null,
        at: record.submittedAt,
        statusBefore: 'awaiting_info',
        statusAfter: 'pending',
        amountFen: null,
        customerMessage: null,
        note: null,
        details: { message: `paid ${RLO}821 yuan`, suppliedItems: [], providedItems: [] },
      }),
    ];
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundShow id="r1" />
      </ResourceContextProvider>,
      {
        dataProvider: fakeDataProvider({
          refunds: [record],
          customers: [makeCustomer({ name: `\u2067Mallory\u2069` })],
          orders: [makeOrder({ id: 'o1', orderNumber: 'CZ-SHOW' })],
          users,
          events,
        }),
      },
    );
    const description = (await screen.findByText(/please/)).closest('bdi')!;
    expectNeutralised(description, 'Refund ⟨RLO⟩0.001¥ please', ['U+202E']);
    expectNeutralised(screen.getByText(/invoice/).closest('bdi')!, 'invoice⟨RLO⟩fdp.exe', ['U+202E']);
    const customer = screen.getByTestId('refund-customer');
    expectNeutralised((await within(customer).findByText(/Mallory/)).closest('bdi')!, '⟨RLI⟩Mallory⟨PDI⟩', [
      'U+2067',
      'U+2069',
    ]);
    const history = await screen.findByTestId('history-message');
    expectNeutralised(history, 'paid ⟨RLO⟩821 yuan', ['U+202E']);
  });

  it('the complaints queue neutralises the customer name', async () => {
    const complaint = make.complaint({ customerName: `${RLO}evE`, version: 0 });
    renderWithAdmin(
      <ResourceContextProvider value="complaints">
        <ComplaintList />
      </ResourceContextProvider>,
      { dataProvider: fakeDataProvider({ complaints: [complaint], users }) },
    );
    const row = (await screen.findByText('CZ-C1')).closest('tr')!;
    expectNeutralised(row, '⟨RLO⟩evE', ['U+202E']);
  });
});
