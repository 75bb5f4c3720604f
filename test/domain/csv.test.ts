// The one CSV writer: RFC 4180 records that parse back cell for cell, no text cell a spreadsheet
// could run as a formula, numbers written as numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, startsLikeFormula, toCsv, type CsvValue } from '../../src/domain/csv';

/** A plain RFC 4180 reader: records of cells, quotes unescaped, CRLF between records. */
function parseCsv(text: string): { cells: string[]; quoted: boolean[] }[] {
  const records: { cells: string[]; quoted: boolean[] }[] = [];
  let cells: string[] = [];
  let quotedFlags: boolean[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    cells.push(cell);
    quotedFlags.push(quoted);
    cell = '';
    quoted = false;
  };
  while (i <= text.length) {
    if (i === text.length) {
      endCell();
      records.push({ cells, quoted: quotedFlags });
      break;
    }
    const ch = text[i]!;
    if (ch === '"' && cell === '' && !quoted) {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text.slice(i, i + 2) !== '\r\n') {
        throw new Error(`text after a closing quote at ${i}`);
      }
      continue;
    }
    if (ch === ',') {
      endCell();
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      records.push({ cells, quoted: quotedFlags });
      cells = [];
      quotedFlags = [];
      i += 2;
    } else {
      if (ch === '"' || ch === '\r' || ch === '\n') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
      cell += ch;
      i++;
    }
  }
  return records;
}

/** Every character a spreadsheet may read as (or skip before) a formula sign, and some text. */
const HOSTILE_CHARS = [
  ...'=+-@|\t\r\n ,"\'',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFF5C',
  '\uFE62',
  '\uFE63',
  '\uFE66',
  '\u2212',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '\u3000',
  '\u00A0',
  '\u3164',
  '\u2800',
  '\u034F',
  '\uFE0F',
  '\u{E0020}',
  ...'abcAZ09%.',
  '李',
];
const hostileString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);
const cellValue: fc.Arbitrary<string | number> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** What a spreadsheet could run: the guard's own definition must catch every one of these. */
const DANGEROUS_FIRST = /^[=+\-@|\t\r\n\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFE62\uFE63\uFE66\u2212]/u;
const STRIPPABLE = /^[\s\p{Cc}\p{Cf}\p{Z}\p{M}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\u2800]+/u;

describe('toCsv', () => {
  it('parses back to one record per row, the same cells, no formula, numbers as numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(cellValue, { minLength: 5, maxLength: 5 })),
        (width, rows) => {
          const columns = Array.from({ length: width }, (_, i) => ({
            header: `c${i}`,
            value: (row: (string | number)[]) => row[i],
          }));
          const records = parseCsv(toCsv(rows, columns));
          expect(records).toHaveLength(rows.length + 1);
          expect(records[0]!.cells).toEqual(columns.map((c) => c.header));
          rows.forEach((row, r) => {
            const { cells, quoted } = records[r + 1]!;
            expect(cells).toHaveLength(width);
            for (let i = 0; i < width; i++) {
              const value = row[i]!;
              const cell = cells[i]!;
              if (typeof value === 'number') {
                // a number is a bare number: never quoted, never prefixed, the same value
                expect(quoted[i]).toBe(false);
                expect(Number(cell)).toBe(value === 0 ? 0 : value);
              } else {
                expect(DANGEROUS_FIRST.test(cell)).toBe(false);
                expect(DANGEROUS_FIRST.test(cell.replace(STRIPPABLE, ''))).toBe(false);
                // the text is kept: the guard only adds an apostrophe in front
                expect(cell === value || cell === `'${value}`).toBe(true);
              }
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('guards every formula start a spreadsheet knows, and nothing else', () => {
    for (const text of [
      '=HYPERLINK("http://x","y")',
      '+cmd',
      '-1+2',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1',
      '\n=1',
      '＝1+1',
      '＋cmd',
      '－1',
      '＠A1',
      ' =1',
      '\u3000=1',
      '\uFEFF=1',
      '\u200B+1',
      "=cmd|' /C calc'!A0",
      '|cmd',
      '−1',
      // invisible-only lead-ins, as visibleText.ts defines them: a reader sees a formula sign first
      '\u3164=1',
      '\u115F\u1160=1',
      '\u2800=1',
      '\uFFA0+1',
      '\u034F=1',
      '\u{E0020}\u{E0041}=1',
      '\uFE0F-1',
      '\u17B4\u17B5@A1',
      '\u{1D159}=1',
      '\u2061=1',
    ]) {
      expect(startsLikeFormula(text), JSON.stringify(text)).toBe(true);
      expect(csvCell(text).replace(/^"/, '')[0]).toBe("'");
    }
    for (const text of ['', 'Li Na', '李娜', 'a=b', '12', "'quoted", ' plain']) {
      expect(startsLikeFormula(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('writes numbers and booleans bare and quotes by RFC 4180', () => {
    const cells: CsvValue[] = [-120, 0.25, true, null, undefined, 'a,b', 'say "hi"', 'two\nlines', '-5'];
    expect(cells.map(csvCell)).toEqual([
      '-120',
      '0.25',
      'true',
      '',
      '',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "'-5",
    ]);
  });
});
