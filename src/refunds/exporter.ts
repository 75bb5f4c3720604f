// CSV export of the refund queue: the scalar columns, money in integer fen as stored (a file for
// spreadsheets and scripts, not for display), flags as true/false.
import { downloadCSV, type Exporter } from 'react-admin';
import { POLICY_FLAGS, type RefundRequest } from '../domain/model';

export const EXPORT_COLUMNS = [
  'id',
  'orderNumber',
  'customerId',
  'customerName',
  'paidFen',
  'refundableFen',
  'approvedFen',
  'coins',
  'coinsSpent',
  'coinsSpentOnTips',
  'paymentChannel',
  'submissionChannel',
  'reasonCategory',
  'status',
  'assigneeId',
  'purchasedAt',
  'submittedAt',
  'slaDueAt',
  'decidedAt',
  ...POLICY_FLAGS,
] as const satisfies readonly (keyof RefundRequest)[];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function refundsToCsv(records: readonly RefundRequest[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const record of records) lines.push(EXPORT_COLUMNS.map((column) => cell(record[column])).join(','));
  return lines.join('\r\n');
}

export const refundExporter: Exporter<RefundRequest> = (records) => {
  downloadCSV(refundsToCsv(records), 'refunds');
};
