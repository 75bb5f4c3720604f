// Search for needles of one or two characters (李娜, 王): a trigram index has nothing to match them
// with, and a scan of every request for the total count is too slow at a million. So each request's
// folded search fields also keep the set of their one- and two-character pieces ("grams"), indexed:
// a needle of one or two characters occurs in a text exactly when it is one of the text's grams.
// - SQLite: an FTS5 table of the grams (contentless, no positions), each gram written as the hex of
//   its UTF-8 bytes (a token any tokenizer keeps whole), filled by triggers that call
//   `search_grams`, a function every connection registers (connect.ts);
// - PostgreSQL: a GIN index over the expression refund_search_grams(…) (migration 004), and the
//   query asks `refund_search_grams(…) @> array[needle]`.

/** The distinct one- and two-code-point pieces of the texts. */
export function gramsOf(texts: readonly (string | null | undefined)[]): Set<string> {
  const grams = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]);
      if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return grams;
}

// the same few thousand grams recur in every request (digits, names, the demo's sentences): each
// token is encoded once, not once per request (a seed fills the index for every request at once)
const TOKENS = new Map<string, string>();
const TOKEN_CACHE_SIZE = 65_536;

/** A gram as an FTS5 token: the hex of its UTF-8 bytes (prefixed, so it never starts with a digit). */
export function gramToken(gram: string): string {
  let token = TOKENS.get(gram);
  if (token === undefined) {
    token = `g${Buffer.from(gram, 'utf8').toString('hex')}`;
    if (TOKENS.size >= TOKEN_CACHE_SIZE) TOKENS.clear();
    TOKENS.set(gram, token);
  }
  return token;
}

/** `search_grams(a, b, c)`: the FTS5 document of a request's folded search fields. */
export function searchGramsDocument(...texts: unknown[]): string {
  const strings = texts.filter((t): t is string => typeof t === 'string');
  return [...gramsOf(strings)].map(gramToken).join(' ');
}

/** Whether a needle is answered by the grams (one or two code points). */
export function isShortNeedle(needle: string): boolean {
  const length = [...needle].length;
  return length === 1 || length === 2;
}
