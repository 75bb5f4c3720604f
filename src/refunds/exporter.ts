// CSV export of the refund queue: the scalar columns, money in integer fen as stored (a file for
// spreadsheets and scripts, not for display), flags as true/false. Written by the app's one CSV
// writer (src/domain/csv.ts), which keeps customer-written text from running as a formula.
import { downloadCSV, type Exporter } from 'react-admin';
import { toCsv, type CsvColumn } from '../domain/csv';
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

const COLUMNS: CsvColumn<RefundRequest>[] = EXPORT_COLUMNS.map((column) => ({
  header: column,
  value: (record) => record[column],
}));

export function refundsToCsv(records: readonly RefundRequest[]): string {
  return toCsv(records, COLUMNS);
}

export const refundExporter: Exporter<RefundRequest> = (records) => {
  downloadCSV(refundsToCsv(records), 'refunds');
};
