// Where the token-signing secret lives: never inside the project, whose files Vite's dev server
// serves (with the secret anyone can sign a token as any user). In order: TOKEN_SECRET_FILE; beside
// a database that itself lives outside the project (the tests' and the bench's temp folders); else
// the per-user state folder, one secret per database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TokenSigner } from './auth';
import { PROJECT_ROOT } from './servedFiles';

export interface SecretLocation {
  /** an explicit secret file (ServerOptions.tokenSecretFile); wins over the environment */
  secretFile?: string;
  env?: NodeJS.ProcessEnv;
  projectRoot?: string;
}

/** The real path (symlinks followed as far as the path exists), case-folded where the disk is. */
function canonical(file: string): string {
  let existing = path.resolve(file);
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = path.join(fs.realpathSync.native(existing), ...rest);
  return process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(canonical(dir), canonical(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The per-user state folder of this app (XDG_STATE_HOME, ~/.local/state, and the like). */
export function userStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME)) {
    return path.join(env.XDG_STATE_HOME, 'refund-desk');
  }
  if (process.platform === 'win32') {
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'refund-desk');
  }
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'refund-desk');
  return path.join(home, '.local', 'state', 'refund-desk');
}

export function tokenSecretFile(dbFile: string, location: SecretLocation = {}): string {
  const env = location.env ?? process.env;
  const root = location.projectRoot ?? PROJECT_ROOT;
  const file = chosenOrDefault(dbFile, env, root, location.secretFile ?? env.TOKEN_SECRET_FILE);
  if (isInside(root, file)) {
    throw new Error(
      `The token secret ${file} would be inside the project folder, which the dev server serves. ` +
        'Set TOKEN_SECRET_FILE to a path outside it.',
    );
  }
  return file;
}

function chosenOrDefault(dbFile: string, env: NodeJS.ProcessEnv, root: string, chosen?: string): string {
  if (chosen) return path.resolve(chosen);
  const db = path.resolve(dbFile);
  if (!isInside(root, db)) return `${db}.secret`;
  const key = crypto.createHash('sha256').update(db).digest('hex').slice(0, 12);
  return path.join(userStateDir(env), `${path.basename(db)}-${key}.secret`);
}

/**
 * The signer for this database. A secret left beside a database inside the project (where
 * earlier versions kept it) may have been served to anyone, so it is removed, not carried over:
 * a new secret is made in the new place and everyone signs in again.
 */
export function openTokenSigner(
  dbFile: string,
  location: SecretLocation = {},
): { signer: TokenSigner; secretFile: string } {
  const secretFile = tokenSecretFile(dbFile, location);
  const exposed = `${path.resolve(dbFile)}.secret`;
  if (exposed !== secretFile && fs.existsSync(exposed)) {
    fs.rmSync(exposed, { force: true });
    console.warn(
      `Removed the token secret ${exposed}: it was in a folder the dev server could serve. ` +
        `A new one is kept at ${secretFile}; sign in again.`,
    );
  }
  fs.mkdirSync(path.dirname(secretFile), { recursive: true, mode: 0o700 });
  return { signer: TokenSigner.fromFile(secretFile), secretFile };
}
