/**
 * `samaki users add` and `samaki serve`, in-process, over one embedded database: a user added on
 * the command line signs in to the server, which answers over real HTTP on a loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { runCli } from '../main.js';
import { serveCommand, usersAddCommand } from './serve.js';

const tmp = mkdtempSync(join(tmpdir(), 'samaki-serve-'));
const data = join(tmp, 'pglite');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('samaki users add', () => {
  it('adds a user with the password given', async () => {
    const r = await run(
      'users',
      'add',
      '--username',
      'Chenda',
      '--role',
      'fund_officer',
      '--password',
      'chenda-secret',
      '--data',
      data,
      '--json',
    );
    expect(r.err).not.toContain('unexpected');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ username: 'chenda', role: 'fund_officer' });
  }, 60_000);

  it('reads the password from standard input when --password is absent', async () => {
    const io = memoryIo();
    await usersAddCommand(io, { username: 'vanna', role: 'auditor', data }, async () => 'vanna-secret');
    expect(io.stdout.join('\n')).toContain('Added user vanna (role auditor)');
  }, 60_000);

  it('refuses an unknown role in one line that lists the roles, with exit code 2', async () => {
    const r = await run(
      'users',
      'add',
      '--username',
      'sok',
      '--role',
      'king',
      '--password',
      'sok-secret',
      '--data',
      data,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^samaki: The user was not added: "king" is not a role; the roles are admin, fund_officer/,
    );
  }, 60_000);
});

describe('samaki serve', () => {
  it('serves the API over HTTP until stopped; the users added above sign in', async () => {
    const io = memoryIo();
    const stop = new AbortController();
    let base = '';
    const serving = serveCommand(io, { port: '0', data, demoUsers: true }, stop.signal, (url) => {
      base = url;
    });
    try {
      await waitFor(() => base !== '');
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      expect(io.stdout.join('\n')).toContain(`docs: ${base}/docs`);
      expect(io.stdout.join('\n')).toMatch(/admin +password admin-demo/);

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chenda', password: 'chenda-secret' }),
      });
      expect(login.status).toBe(200);
      const { token, role } = (await login.json()) as { token: string; role: string };
      expect(role).toBe('fund_officer');
      const me = await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ username: 'chenda' });
      const demo = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'analyst', password: 'analyst-demo' }),
      });
      expect(((await demo.json()) as { role: string }).role).toBe('council_analyst');
    } finally {
      stop.abort();
      await serving;
    }
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  }, 120_000);

  it('refuses a port that is not a number', async () => {
    const r = await run('serve', '--port', 'eighty', '--data', data);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--port must be a port number');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
