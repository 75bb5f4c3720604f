// No import cycles in the project's own code: a newcomer can read any file knowing that what it
// imports does not lead back to it, and an entry point (mock-api/server.ts, seed.ts, the scripts)
// is imported by no module of the app. Type-only imports count too: they tie two files together
// for a reader just the same.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles } from './sourceFiles';

const FOLDERS = ['src', 'mock-api', 'bench', 'scripts', 'test'] as const;

describe('import cycles', () => {
  it('finds none among src/, mock-api/, bench/, scripts/ and test/', () => {
    const files = sourceFiles(FOLDERS);
    expect(files.length).toBeGreaterThan(100);
    expect(importCycles(importGraph(files))).toEqual([]);
  });

  it('imports the API server only from entry points and tests, never from the API itself', () => {
    const graph = importGraph(sourceFiles(FOLDERS));
    const importers = [...graph].filter(([, targets]) => targets.includes('mock-api/server.ts'));
    expect(importers.map(([file]) => file).filter((file) => !/^(test|scripts|bench)\//.test(file))).toEqual(
      [],
    );
  });

  it('names each cycle by a shortest way round it, and a file that imports itself', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
      ['f.ts', ['a.ts', 'd.ts']],
    ]);
    expect(importCycles(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts', 'e.ts → e.ts']);
  });
});
