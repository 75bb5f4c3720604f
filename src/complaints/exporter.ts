// CSV export of the complaints queue: the complaint's own fields, the decision it disputes and its
// resolution flattened into columns, money in integer fen. Written by the app's one CSV writer
// (src/domain/csv.ts): the customer's complaint text cannot run as a formula in a spreadsheet.
import { downloadCSV, type Exporter } from 'react-admin';
import { toCsv, type CsvColumn, type CsvValue } from '../domain/csv';
import type { Complaint } from '../domain/model';

const SCALAR_COLUMNS = [
  'id',
  'refundId',
  'orderNumber',
  'customerId',
  'customerName',
  'channel',
  'category',
  'description',
  'priority',
  'level',
  'status',
  'assigneeId',
  'openedAt',
  'openedBy',
  'dueAt',
  'escalatedAt',
  'overdueFlag',
  'resolvedAt',
  'closedAt',
] as const satisfies readonly (keyof Complaint)[];

const column = (header: string, value: (complaint: Complaint) => CsvValue): CsvColumn<Complaint> => ({
  header,
  value,
});

export const COMPLAINT_EXPORT_COLUMNS: readonly CsvColumn<Complaint>[] = [
  ...SCALAR_COLUMNS.map((key) => column(key, (c) => c[key])),
  column('originalDecision.status', (c) => c.originalDecision?.status),
  column('originalDecision.reviewerId', (c) => c.originalDecision?.reviewerId),
  column('originalDecision.amountFen', (c) => c.originalDecision?.amountFen),
  column('originalDecision.reasonCode', (c) => c.originalDecision?.reasonCode),
  column('resolution.outcome', (c) => c.resolution?.outcome),
  column('resolution.by', (c) => c.resolution?.by),
  column('resolution.amountFen', (c) => c.resolution?.amountFen),
  column('resolution.goodwillCoins', (c) => c.resolution?.goodwillCoins),
  column('resolution.customerMessage', (c) => c.resolution?.customerMessage),
];

export function complaintsToCsv(complaints: readonly Complaint[]): string {
  return toCsv(complaints, COMPLAINT_EXPORT_COLUMNS);
}

export const complaintExporter: Exporter<Complaint> = (complaints) => {
  downloadCSV(complaintsToCsv(complaints), 'complaints');
};
