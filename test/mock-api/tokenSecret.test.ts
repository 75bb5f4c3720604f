// Issue 13 item 1: where the token-signing secret is kept. Never inside the project (the dev
// server serves it): TOKEN_SECRET_FILE, else beside a database that lives outside the project,
// else the per-user state folder. A secret left beside a database inside the project by an
// earlier version is removed and replaced, since anyone who reached the dev server may have it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenSigner } from '../../mock-api/auth';
import { seedDatabase } from '../../mock-api/seed/index';
import { DEFAULT_DB_FILE, startServer } from '../../mock-api/server';
import { PROJECT_ROOT } from '../../mock-api/servedFiles';
import { openTokenSigner, tokenSecretFile, userStateDir } from '../../mock-api/tokenSecret';

let tmp: string;
let project: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-desk-secret-place-'));
  project = path.join(tmp, 'project');
  fs.mkdirSync(path.join(project, 'mock-api', 'data'), { recursive: true });
  env = { XDG_STATE_HOME: path.join(tmp, 'state') };
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const isOutside = (dir: string, file: string) => {
  const relative = path.relative(dir, file);
  return relative.startsWith('..') || path.isAbsolute(relative);
};

describe('where the token secret lives', () => {
  it('keeps the secret of a database inside the project in the per-user state folder, one per database', () => {
    const db = path.join(project, 'mock-api', 'data', 'db.json');
    const file = tokenSecretFile(db, { env, projectRoot: project });
    expect(isOutside(project, file)).toBe(true);
    expect(path.dirname(file)).toBe(path.join(tmp, 'state', 'refund-desk'));
    expect(tokenSecretFile(db, { env, projectRoot: project })).toBe(file);
    const other = tokenSecretFile(path.join(project, 'mock-api', 'data', 'other.json'), {
      env,
      projectRoot: project,
    });
    expect(other).not.toBe(file);
    // the real default: npm start's database is inside the project, its secret is not
    expect(isOutside(PROJECT_ROOT, tokenSecretFile(DEFAULT_DB_FILE))).toBe(true);
    expect(isOutside(PROJECT_ROOT, userStateDir())).toBe(true);
  });

  it('keeps it beside a database outside the project (the tests and the bench use temp folders)', () => {
    const db = path.join(tmp, 'elsewhere', 'db.json');
    expect(tokenSecretFile(db, { env, projectRoot: project })).toBe(`${db}.secret`);
  });

  it('uses TOKEN_SECRET_FILE, and refuses one inside the project', () => {
    const db = path.join(project, 'mock-api', 'data', 'db.json');
    const chosen = path.join(tmp, 'keys', 'desk.secret');
    expect(tokenSecretFile(db, { env: { ...env, TOKEN_SECRET_FILE: chosen }, projectRoot: project })).toBe(
      chosen,
    );
    for (const inside of [
      path.join(project, 'mock-api', 'data', 'db.json.secret'),
      path.join(project, 'dist', 'x.secret'),
      path.join(project, 'sub', '..', 'x.secret'),
    ]) {
      expect(() =>
        tokenSecretFile(db, { env: { ...env, TOKEN_SECRET_FILE: inside }, projectRoot: project }),
      ).toThrow(/inside the project folder/);
    }
    // nor does a state folder that happens to lie inside the project (a home folder as project)
    expect(() =>
      tokenSecretFile(db, {
        env: { XDG_STATE_HOME: path.join(project, '.local', 'state') },
        projectRoot: project,
      }),
    ).toThrow(/inside the project folder/);
  });

  it('removes a secret found beside a database inside the project and makes a new one outside', () => {
    const db = path.join(project, 'mock-api', 'data', 'db.json');
    const exposed = TokenSigner.fromFile(`${db}.secret`);
    const token = exposed.sign({ id: 'u1', role: 'manager' }, Date.now());

    const { signer, secretFile } = openTokenSigner(db, { env, projectRoot: project });
    expect(fs.existsSync(`${db}.secret`)).toBe(false);
    expect(fs.readdirSync(path.join(project, 'mock-api', 'data'))).toEqual([]);
    expect(isOutside(project, secretFile)).toBe(true);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(secretFile)).mode & 0o077).toBe(0);
    // a token made with the exposed secret is worth nothing now
    expect(signer.verify(token, Date.now())).toEqual({ ok: false, reason: 'Invalid token signature.' });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/Removed the token secret/));

    // the next start keeps the new secret
    const text = fs.readFileSync(secretFile, 'utf8');
    const again = openTokenSigner(db, { env, projectRoot: project });
    expect(again.secretFile).toBe(secretFile);
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(text);
    const fresh = again.signer.sign({ id: 'u1', role: 'manager' }, Date.now());
    expect(signer.verify(fresh, Date.now()).ok).toBe(true);
  });

  it('starts the API with the secret where it was told, signing and verifying with it', async () => {
    const dbFile = path.join(tmp, 'db', 'desk.sqlite');
    fs.mkdirSync(path.dirname(dbFile));
    const database = { engine: 'sqlite', file: dbFile } as const;
    await seedDatabase(database, { count: 5, seed: 2, nowMs: Date.now() });
    const tokenSecret = path.join(tmp, 'keys', 'api.secret');
    const server = await startServer({
      database,
      port: 0,
      sweepIntervalMs: 3_600_000,
      tokenSecretFile: tokenSecret,
    });
    try {
      expect(server.secretFile).toBe(tokenSecret);
      expect(fs.existsSync(`${dbFile}.secret`)).toBe(false);
      const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'reviewer', password: 'password' }),
      });
      const { token } = (await login.json()) as { token: string };
      expect(TokenSigner.fromFile(tokenSecret).verify(token, Date.now()).ok).toBe(true);
    } finally {
      await server.close();
    }
  });
});
