/**
 * @module api/access-control
 * Who may call what. Every route of the secured scope declares the roles it admits
 * (`config.access`); a route without a declaration is a start-up error, so none can be left
 * open by accident. On each request the bearer token is looked up (401 without a valid one),
 * then the role is checked (403), and an employer user passes only for its own `:employerId`,
 * a member user only for their own `:memberId`. Both checks run before the body is even
 * validated, so a refused caller learns nothing about the route's input.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ROLES, type Role } from '../access/roles.js';
import { findSession, type SessionUser } from '../access/sessions.js';
import type { Database } from '../db/open-database.js';
import { SamakiError } from '../kernel/errors.js';

export interface RouteAccess {
  /** The roles admitted. `employer` and `member` are admitted only on their own identifier. */
  readonly roles: readonly Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set on every route of the secured scope. */
    user: SessionUser | null;
    /** The bearer token of the request, for logging out. */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Every role: routes any signed-in user may call (their own session). */
export const ANY_ROLE: readonly Role[] = ROLES;

/** The routes of the secured scope's own user, which employer and member users call without an identifier. */
const SELF_ROUTES = /^\/auth\//;

/**
 * Installs authentication and authorisation on a scope (a fastify plugin context): every route
 * registered in it afterwards must declare `config.access`.
 */
export function secureScope(app: FastifyInstance, database: Database, now: () => Date): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    const where = `${String(route.method)} ${route.url}`;
    if (!access || access.roles.length === 0)
      throw new Error(
        `Route ${where} declares no roles: add config.access.roles (src/api/access-control.ts).`,
      );
    if (!SELF_ROUTES.test(route.url)) {
      if (access.roles.includes('employer') && !route.url.includes(':employerId'))
        throw new Error(
          `Route ${where} admits employers but has no :employerId to restrict them to their own.`,
        );
      if (access.roles.includes('member') && !route.url.includes(':memberId'))
        throw new Error(`Route ${where} admits members but has no :memberId to restrict them to their own.`);
    }
  });

  // Answers about people and money are for the signed-in user only: no cache may keep them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    if (token === null) throw new SamakiError('auth_required');
    const user = await findSession(database, token, now());
    if (!user) throw new SamakiError('auth_invalid');
    request.user = user;
    request.sessionToken = token;
    authorise(request, user);
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function authorise(request: FastifyRequest, user: SessionUser): void {
  const access = request.routeOptions.config.access;
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const refuse = (action: string) =>
    new SamakiError('forbidden', { username: user.username, role: user.role, action });
  if (!access?.roles.includes(user.role)) throw refuse(`use ${route}`);
  const params = (request.params ?? {}) as Record<string, string | undefined>;
  if (
    user.role === 'employer' &&
    params.employerId !== undefined &&
    !sameId(params.employerId, user.employerId)
  )
    throw refuse(
      `see or change employer ${params.employerId}: an employer user has access to its own employer (${user.employerId}) only`,
    );
  if (user.role === 'member' && params.memberId !== undefined && !sameId(params.memberId, user.memberId))
    throw refuse(
      `see member ${params.memberId}: a member user sees their own record (${user.memberId}) only`,
    );
}

function sameId(raw: string, own: number | null): boolean {
  return own !== null && /^[0-9]+$/.test(raw) && Number(raw) === own;
}

/** The user of a request of the secured scope (set by the hook above). */
export function userOf(request: FastifyRequest): SessionUser {
  if (!request.user) throw new SamakiError('auth_required');
  return request.user;
}
