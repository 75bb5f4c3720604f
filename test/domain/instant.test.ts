// One reading of a time on the wire (src/domain/instant.ts): what toISOString writes, with or
// without milliseconds, and nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STORED_INSTANT_LENGTH,
  canonicalTimeZone,
  canonicalUtc,
  parseCanonicalUtc,
  storedInstantMsAt,
} from '../../src/domain/instant';

const MIN = Date.parse('0000-01-01T00:00:00.000Z');
const MAX = Date.parse('9999-12-31T23:59:59.999Z');

describe('parseCanonicalUtc', () => {
  it('reads back every instant of years 0000–9999 as toISOString writes it, with or without milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseCanonicalUtc(iso)).toBe(ms);
        expect(canonicalUtc(iso)).toBe(iso);
        const second = Math.floor(ms / 1000) * 1000;
        expect(parseCanonicalUtc(`${iso.slice(0, 19)}Z`)).toBe(second);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses years outside 0000–9999 and every other spelling of an instant', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: MAX + 1, max: 8.64e15 }), fc.integer({ min: -8.64e15, max: MIN - 1 })),
        (ms) => {
          expect(parseCanonicalUtc(new Date(ms).toISOString())).toBeNull();
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        const iso = new Date(ms).toISOString();
        for (const other of [
          iso.replace('Z', '+00:00'),
          iso.replace('Z', '+08:00'),
          iso.replace('Z', 'z'),
          iso.slice(0, -1),
          iso.slice(0, 10),
          iso.replace('T', ' '),
          ` ${iso}`,
          `${iso}\n`,
          iso.replace(/\.\d{3}/, '.1'),
          new Date(ms).toUTCString(),
        ]) {
          expect(parseCanonicalUtc(other), other).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
    for (const impossible of [
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:60:00Z',
    ]) {
      expect(parseCanonicalUtc(impossible), impossible).toBeNull();
    }
    expect(parseCanonicalUtc('2028-02-29T00:00:00Z')).toBe(Date.parse('2028-02-29T00:00:00Z'));
    expect(parseCanonicalUtc(1_700_000_000_000)).toBeNull();
  });
});

describe('canonicalTimeZone', () => {
  it('gives one name to the spellings and links of a zone, and null to unknown zones', () => {
    for (const tz of ['Asia/Shanghai', 'asia/shanghai', 'PRC', 'Asia/Chongqing']) {
      expect(canonicalTimeZone(tz)).toBe('Asia/Shanghai');
    }
    expect(canonicalTimeZone('utc')).toBe('UTC');
    for (const tz of ['Mars/Olympus', '', '+08:00', 'x'.repeat(65), 42])
      expect(canonicalTimeZone(tz)).toBeNull();
  });
});

describe('storedInstantMsAt', () => {
  it('reads every stored instant of years 0000–9999 where it stands in a packed text, as Date.parse does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: MIN, max: MAX }), { minLength: 1, maxLength: 5 }),
        (instants) => {
          const packed = instants.map((ms) => new Date(ms).toISOString()).join('');
          instants.forEach((ms, i) => {
            expect(storedInstantMsAt(packed, i * STORED_INSTANT_LENGTH)).toBe(ms);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('throws on text that is not a stored instant rather than reading a wrong time', () => {
    for (const text of [
      '2026-12-07 09:45:00.000Z',
      '2026-12-07T09:45:00.000+',
      '2026-13-07T09:45:00.000Z',
      '2026-12-07T09:4x:00.000Z',
      '2026-12-07',
    ]) {
      expect(() => storedInstantMsAt(text)).toThrow(RangeError);
    }
  });
});
