// package.json says what the project uses: every package the code imports is declared (not merely
// present because another package brought it), and every declared package is imported or named by
// a script, a config or the type-checker. A dependency nothing uses is removed.
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './sourceFiles';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];

/** Used without an import in the code: named here with where they are used. */
const USED_BY_TOOLING: Record<string, string> = {
  tsx: 'runs the API, the seed and the scripts (package.json scripts, metricsWorkerBoot.mjs)',
  concurrently: 'npm start runs the API and the dev server together',
  eslint: 'npm run lint',
  '@types/better-sqlite3': 'types for better-sqlite3 (tsc)',
  '@types/express': 'types for express (tsc)',
  '@types/node': 'types for Node (tsconfig "types")',
  '@types/pg': 'types for pg (tsc)',
  '@types/react': 'types for React (tsc)',
  '@types/react-dom': 'types for react-dom (tsc)',
};

/** The package an import specifier names: "@scope/name/sub" → "@scope/name", "name/sub" → "name". */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? null : name;
}

function importedPackages(): Map<string, string> {
  const files = [
    ...sourceFiles(['src', 'mock-api', 'bench', 'scripts', 'test']),
    ...fs.readdirSync(ROOT).filter((f) => /\.(ts|js|mjs)$/.test(f)),
  ];
  const firstImporter = new Map<string, string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const name = packageOf(fileName);
      if (name && !firstImporter.has(name)) firstImporter.set(name, file);
    }
    // a test file's environment is a package too (vitest loads it by name)
    for (const [, name] of text.matchAll(/^\/\/ @vitest-environment ([\w-]+)$/gm))
      firstImporter.set(name, file);
  }
  return firstImporter;
}

describe('dependencies', () => {
  const imported = importedPackages();

  it('declares in package.json every package the code imports', () => {
    const undeclared = [...imported]
      .filter(([name]) => !declared.includes(name))
      .map(([name, file]) => `${name} (imported by ${file})`);
    expect(undeclared).toEqual([]);
  });

  it('declares nothing that no code, script, config or type-check uses', () => {
    const scripts = Object.values(pkg.scripts).join(' ');
    const unused = declared.filter(
      (name) =>
        !imported.has(name) && !(name in USED_BY_TOOLING) && !new RegExp(`\\b${name}\\b`).test(scripts),
    );
    expect(unused).toEqual([]);
  });

  it('names in USED_BY_TOOLING only declared packages', () => {
    expect(Object.keys(USED_BY_TOOLING).filter((name) => !declared.includes(name))).toEqual([]);
  });
});
