// What a piece of text shows: whether it has any visible character at all, and its bidirectional
// controls made visible. Pure and free of zod, so the UI can display text with it cheaply.

/**
 * Characters that show nothing on their own: whitespace and separators, control and format
 * characters (zero-width spaces and joiners, word joiner, BOM, U+180E, bidi controls, tags),
 * combining marks with no base, unassigned code points and lone surrogates, and the fillers and
 * blanks that are letters or symbols by category but draw nothing (Hangul fillers, braille blank).
 */
const INVISIBLE =
  /[\p{White_Space}\p{Z}\p{Cc}\p{Cf}\p{M}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800\u{1D159}\u{1D173}-\u{1D17A}]/gu;

/** True when the text has at least one character a reader can see. */
export function hasVisibleContent(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

const LEADING_INVISIBLE = new RegExp(`^(?:${INVISIBLE.source})+`, 'u');

/** The text from its first visible character on (the CSV guard looks there for a formula sign). */
export function withoutLeadingInvisible(text: string): string {
  return text.replace(LEADING_INVISIBLE, '');
}

/**
 * The bidirectional controls, by their Unicode abbreviations: embeddings, overrides and their end
 * (U+202A–U+202E), isolates (U+2066–U+2069), and the marks (U+200E, U+200F, U+061C). In text shown
 * to staff they can make it read as something else (an RLO turns "txt.exe" into "exe.txt").
 */
export const BIDI_CONTROLS: Readonly<Record<string, string>> = {
  '\u202A': 'LRE',
  '\u202B': 'RLE',
  '\u202C': 'PDF',
  '\u202D': 'LRO',
  '\u202E': 'RLO',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\u200E': 'LRM',
  '\u200F': 'RLM',
  '\u061C': 'ALM',
};
const BIDI_CONTROL_CLASS = '[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]';
const ANY_BIDI_CONTROL = new RegExp(BIDI_CONTROL_CLASS);
/** global, for matchAll and replace (which start from a copy of lastIndex 0) */
const BIDI_CONTROL = new RegExp(BIDI_CONTROL_CLASS, 'g');

export function hasBidiControls(text: string): boolean {
  return ANY_BIDI_CONTROL.test(text);
}

/** A piece of displayed text: plain text, or a bidi control shown by its abbreviation and code point. */
export type DisplayPart = string | { control: string; codePoint: string };

/** The text split around its bidi controls, each control standing for itself (in text order). */
export function splitBidiControls(text: string): DisplayPart[] {
  if (!hasBidiControls(text)) return [text];
  const parts: DisplayPart[] = [];
  let last = 0;
  for (const match of text.matchAll(BIDI_CONTROL)) {
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    const char = match[0];
    parts.push({
      control: BIDI_CONTROLS[char]!,
      codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    });
    last = at + char.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** For text that can only be a string (a title, a record's name): each bidi control as "⟨RLO⟩". */
export function revealBidiControls(text: string): string {
  return hasBidiControls(text) ? text.replace(BIDI_CONTROL, (c) => `⟨${BIDI_CONTROLS[c]}⟩`) : text;
}
