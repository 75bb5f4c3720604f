// Money as people read it: integer fen as yuan. A leaf module (no domain imports), so anything
// may format an amount without importing the message templates.
import type { Fen } from './model';

/** Integer fen as yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function fenToYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

/** "¥1,234.56" */
export function formatYuan(fen: Fen): string {
  return `¥${fenToYuan(fen)}`;
}
