/**
 * @module cli/commands/serve
 * `samaki serve`: the fund's HTTP API (`src/api`) on a port, over the same database as every
 * other command (embedded PGlite in --data, or DATABASE_URL), whose schema it brings up to date
 * first. It runs until interrupted (Ctrl-C, SIGTERM), then closes the server and the database.
 *
 * `samaki users add`: a user of the API, with the argon2 hash of a password read from standard
 * input (or, less safely, from --password, which shell history and `ps` can see).
 */
import type { FastifyInstance } from 'fastify';
import { addUser } from '../../access/add-user.js';
import { type DemoUser, ensureDemoUsers } from '../../access/ensure-demo-users.js';
import { buildApp } from '../../api/build-app.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openDatabase, resolveDatabaseOptions } from '../../db/open-database.js';
import { SamakiError } from '../../kernel/errors.js';
import type { Io } from '../io.js';
import { todayOf } from '../today.js';

export const DEFAULT_PORT = 8080;
/** Loopback by default: exposing the API to a network is a decision (--host 0.0.0.0). */
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeFlags {
  port?: string;
  host?: string;
  data?: string;
  demoUsers?: boolean;
}

function usage(reason: string): SamakiError {
  return new SamakiError('cli_usage', { reason });
}

/**
 * Serves until `stop` is aborted (the command line aborts it on SIGINT or SIGTERM). `onListening`
 * gets the address, for callers (tests) that listen on port 0.
 */
export async function serveCommand(
  io: Io,
  flags: ServeFlags,
  stop: AbortSignal = interruptSignal(),
  onListening?: (url: string, app: FastifyInstance) => void,
): Promise<void> {
  const port = flags.port === undefined ? DEFAULT_PORT : Number(flags.port);
  if (!/^[0-9]+$/.test(flags.port ?? '0') || !Number.isInteger(port) || port > 65_535)
    throw usage(`--port must be a port number from 0 to 65535 (got "${flags.port}")`);
  const host = flags.host ?? DEFAULT_HOST;
  const today = todayOf(io);
  const database = await openDatabase(resolveDatabaseOptions(flags.data));
  let app: FastifyInstance | undefined;
  try {
    const applied = await migrateToLatest(database.db);
    io.err(
      `Database (${database.kind}) at ${database.location}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}.`,
    );
    if (flags.demoUsers) printDemoUsers(io, await ensureDemoUsers(database, { today: today() }));
    const level = io.env.SAMAKI_LOG_LEVEL ?? 'warn';
    app = buildApp({ database, today, logger: { level } });
    if (stop.aborted) return;
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address !== null ? address.port : port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    io.out(`Samaki API listening on ${url}`);
    io.out(`  docs: ${url}/docs   OpenAPI: ${url}/openapi.json   health: ${url}/health`);
    io.out('  sign in with POST /auth/login {"username", "password"}; add users with `samaki users add`.');
    onListening?.(url, app);
    await new Promise<void>((resolve) => {
      if (stop.aborted) resolve();
      else stop.addEventListener('abort', () => resolve(), { once: true });
    });
    io.err('Stopping: closing the server and the database.');
  } finally {
    await app?.close();
    await database.close();
  }
}

function printDemoUsers(io: Io, users: readonly DemoUser[]): void {
  io.out('Demo users (their passwords are public: never use them with real data):');
  for (const u of users) {
    const tie =
      u.employerId !== null
        ? ` employer ${u.employerId}`
        : u.memberId !== null
          ? ` member ${u.memberId}`
          : '';
    io.out(
      `  ${u.role.padEnd(16)} ${u.username.padEnd(11)} password ${u.password}${tie}${u.created ? '' : ' (already there)'}`,
    );
  }
}

/** Aborted by the first SIGINT or SIGTERM. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

export interface UsersAddFlags {
  username: string;
  role: string;
  employer?: string;
  member?: string;
  password?: string;
  data?: string;
  by?: string;
  json?: boolean;
}

export async function usersAddCommand(
  io: Io,
  flags: UsersAddFlags,
  readPassword: () => Promise<string> = readPasswordFromStdin,
): Promise<void> {
  const id = (value: string | undefined, flag: string): number | null => {
    if (value === undefined) return null;
    if (!/^[0-9]+$/.test(value) || Number(value) <= 0)
      throw usage(`${flag} must be a whole number above 0 (got "${value}")`);
    return Number(value);
  };
  const employerId = id(flags.employer, '--employer');
  const memberId = id(flags.member, '--member');
  const password = flags.password ?? (await readPassword());
  const database = await openDatabase(resolveDatabaseOptions(flags.data));
  try {
    await migrateToLatest(database.db);
    const user = await addUser(
      database,
      { username: flags.username, role: flags.role, password, employerId, memberId },
      { actor: flags.by ?? 'samaki users add' },
    );
    if (flags.json) io.out(JSON.stringify(user));
    else
      io.out(
        `Added user ${user.username} (role ${user.role}${user.employerId !== null ? `, employer ${user.employerId}` : ''}${user.memberId !== null ? `, member ${user.memberId}` : ''}).`,
      );
  } finally {
    await database.close();
  }
}

/** The first line of standard input (`printf '%s\n' "$PW" | samaki users add …`). */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (the input is shown; prefer piping it in): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    if (Buffer.concat(chunks).includes(0x0a)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (line.length === 0) throw usage('no password: pipe it on standard input, or pass --password');
  return line;
}
