// The order of record ids ("r9" before "r10"), shared by the API's lists, the storage layer and the
// domain's own views (a customer's messages at the same instant, in the order they were recorded).

/** The number in an id like "r123"; NaN when there is none. */
export function idNumber(id: string): number {
  return Number(id.replace(/^\D+/, ''));
}

/** Ids look like "r123": compare the number so r9 comes before r10, then the text. */
export function compareIds(a: string, b: string): number {
  const na = idNumber(a);
  const nb = idNumber(b);
  const byNumber = Number.isFinite(na) && Number.isFinite(nb) ? na - nb : 0;
  return byNumber || (a < b ? -1 : a > b ? 1 : 0);
}
