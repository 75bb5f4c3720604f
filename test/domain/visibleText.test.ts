// Customer-visible text must have something to read: a message of zero-width spaces, word joiners,
// BOMs, bidi marks or other invisible characters is refused like an empty one, by one refinement
// every workflow body uses. Bidi controls are found and named for display.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complaintActionBodySchemas } from '../../src/domain/complaintWorkflow';
import { refundActionBodySchemas } from '../../src/domain/refundWorkflow';
import { fieldErrors } from '../../src/domain/validation';
import { hasVisibleContent, revealBidiControls, splitBidiControls } from '../../src/domain/visibleText';

/** Characters that draw nothing: format characters, spaces of every width, fillers, lone marks. */
const INVISIBLE_CHARS = [
  '\u200B', // zero-width space
  '\u200C', // zero-width non-joiner
  '\u200D', // zero-width joiner
  '\u2060', // word joiner
  '\uFEFF', // BOM / zero-width no-break space
  '\u180E', // Mongolian vowel separator
  '\u00AD', // soft hyphen
  '\u034F', // combining grapheme joiner
  '\u061C',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u2061', // function application
  '\u2062',
  '\u2063',
  '\u2064',
  '\u206A',
  '\u206F',
  '\u{E0001}', // language tag
  '\u{E0041}', // tag latin capital A
  '\uFE0F', // variation selector
  '\u3164', // Hangul filler
  '\u115F',
  '\uFFA0',
  '\u2800', // braille blank
  ' ',
  '\t',
  '\n',
  '\u00A0',
  '\u2000',
  '\u2003',
  '\u200A',
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u3000',
  '\u0085',
];
const invisibleOnly = fc.string({ unit: fc.constantFrom(...INVISIBLE_CHARS), minLength: 1, maxLength: 40 });
const visible = fc.constantFrom('a', '李', '1', '.', '¥', '😀', 'ש');

describe('hasVisibleContent', () => {
  it('is false for any string of invisible characters (property)', () => {
    fc.assert(fc.property(invisibleOnly, (text) => !hasVisibleContent(text)));
  });

  it('is true as soon as one visible character is among them (property)', () => {
    fc.assert(
      fc.property(invisibleOnly, visible, invisibleOnly, (before, char, after) =>
        hasVisibleContent(before + char + after),
      ),
    );
  });
});

describe('customer-visible text in the workflow bodies', () => {
  const bodies = {
    approve: (text: string) =>
      refundActionBodySchemas.approve.safeParse({ version: 1, customerMessage: text }),
    reject: (text: string) =>
      refundActionBodySchemas.reject.safeParse({ version: 1, reasonCode: 'other', customerMessage: text }),
    request_info: (text: string) =>
      refundActionBodySchemas.request_info.safeParse({
        version: 1,
        missingItems: ['payment_proof'],
        customerMessage: text,
      }),
    resolve: (text: string) =>
      complaintActionBodySchemas.resolve.safeParse({ version: 1, outcome: 'upheld', customerMessage: text }),
    create: (text: string) =>
      complaintActionBodySchemas.create.safeParse({
        refundId: 'r1',
        channel: 'in_app',
        category: 'refund_late',
        description: text,
      }),
  };
  const field = { create: 'description' } as Record<string, string>;

  it.each(Object.entries(bodies))(
    '%s refuses a message with no visible character (property)',
    (name, parse) => {
      fc.assert(
        fc.property(invisibleOnly, (text) => {
          const result = parse(text);
          expect(result.success).toBe(false);
          const errors = fieldErrors(result.error!);
          expect(errors[field[name] ?? 'customerMessage']).toMatch(/no visible characters|Write the/);
        }),
        { numRuns: 60 },
      );
    },
  );

  it.each(Object.entries(bodies))(
    '%s accepts a message with words among invisible characters',
    (_, parse) => {
      expect(parse('\u200BThank you\u2060').success).toBe(true);
    },
  );

  it('says what is wrong in words', () => {
    const result = bodies.approve('\u200B\u2060\uFEFF');
    expect(fieldErrors(result.error!).customerMessage).toBe(
      'The message to the customer has no visible characters: write the message in words.',
    );
  });
});

describe('bidi controls for display', () => {
  it('names each control where it stands and keeps the rest of the text', () => {
    expect(splitBidiControls('invoice\u202Efdp.exe')).toEqual([
      'invoice',
      { control: 'RLO', codePoint: 'U+202E' },
      'fdp.exe',
    ]);
    expect(splitBidiControls('plain')).toEqual(['plain']);
    expect(revealBidiControls('\u2067a\u2069\u200F')).toBe('⟨RLI⟩a⟨PDI⟩⟨RLM⟩');
  });

  it('leaves no control in the revealed text and loses no other character (property)', () => {
    const controls = [...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C'];
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constantFrom(...controls), fc.string({ minLength: 1, maxLength: 1 })),
        }),
        (text) => {
          const shown = revealBidiControls(text);
          expect(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/.test(shown)).toBe(false);
          const rejoined = splitBidiControls(text)
            .map((p) =>
              typeof p === 'string' ? p : String.fromCodePoint(parseInt(p.codePoint.slice(2), 16)),
            )
            .join('');
          expect(rejoined).toBe(text);
        },
      ),
    );
  });
});
