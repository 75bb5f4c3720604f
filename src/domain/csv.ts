// The one CSV writer behind every export (the refund and complaint queues, the dashboard's charts
// and tables): RFC 4180 quoting, CRLF between records, raw values (money in fen, rates as
// fractions). Text cells are guarded against formula injection: a spreadsheet (Excel, LibreOffice,
// WPS, Google Sheets) runs a cell that starts with a formula sign, so such a cell is written with a
// leading apostrophe and reads as text. Numbers and booleans are written as they are.

import { withoutLeadingInvisible } from './visibleText';

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  /** the header cell */
  header: string;
  value: (row: Row) => CsvValue;
}

/**
 * What a spreadsheet may read as the start of a formula or a DDE command: = + - @ and the pipe
 * (`cmd|' /C calc'!A0`), their full-width and small forms (Excel and WPS fold them to ASCII on
 * CJK systems), and the minus sign.
 */
const FORMULA_START = /^[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFE62\uFE63\uFE66\uFE6B\u2212]/u;

/** True when a spreadsheet could read this text cell as a formula. */
export function startsLikeFormula(text: string): boolean {
  if (text === '') return false;
  // a leading tab, CR or LF is itself a formula trigger (OWASP), whatever follows
  if (/^[\t\r\n]/.test(text)) return true;
  // what a spreadsheet may drop, or a reader not see, before the sign: whitespace, control and
  // format characters, and every other invisible one (the rule of visibleText.ts)
  return FORMULA_START.test(withoutLeadingInvisible(text));
}

/** One cell: text guarded and quoted as needed, numbers as numbers, nothing for null. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = startsLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header record, then one record per row, separated by CRLF as in RFC 4180. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\r\n');
}
