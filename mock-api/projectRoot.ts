// The project's root folder (the one holding its package.json), found from wherever this module
// runs: mock-api/ as source under tsx, or build/api/ once bundled (scripts/build-api.ts). Paths the
// servers use (the database's default file, dist/, mock-api/data/) are taken from it, never from
// the folder of the module that asks, which the bundle moves.
import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'refund-desk';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here (or not ours): look further up
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No package.json of ${PACKAGE_NAME} above ${from}.`);
    }
  }
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

/** mock-api/data/: the demo database, the wallet's connection file (git-ignored, never served). */
export const DATA_DIR = path.join(PROJECT_ROOT, 'mock-api', 'data');
