// A tiny CSV serializer for the chart and table exports (RFC 4180 quoting, CRLF), handed to
// react-admin's downloadCSV. Values are raw (rates as fractions, money in fen), not display text.
import { downloadCSV } from 'react-admin';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  /** the header cell */
  header: string;
  value: (row: Row) => CsvValue;
}

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // a leading =, +, - or @ would be read as a formula by spreadsheets
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return lines.join('\r\n');
}

export function exportCsv<Row>(
  filename: string,
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
): void {
  downloadCSV(toCsv(rows, columns), filename);
}
