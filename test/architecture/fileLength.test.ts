// No source file over 500 lines outside the message catalogues: a file a newcomer can read whole.
// A file that grows past the limit is split by theme (one chart, one resource, one rule a file).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './sourceFiles';

const MAX_LINES = 500;
const FOLDERS = ['src', 'mock-api', 'bench', 'scripts', 'test'] as const;
/** The catalogues hold one entry per user-visible string: long by nature, and read by key. */
const CATALOGUES = /^src\/i18n\/messages\//;

function lineCount(file: string): number {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('file length', () => {
  const files = sourceFiles(FOLDERS).filter((file) => !CATALOGUES.test(file));

  it(`keeps every source file at ${MAX_LINES} lines or fewer, outside the message catalogues`, () => {
    expect(files.length).toBeGreaterThan(100);
    const tooLong = files
      .map((file) => ({ file, lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
