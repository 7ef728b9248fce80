/**
 * @module api/routes/auth-routes
 * Signing in and out. `POST /auth/login` is public and answers a bearer token with its expiry
 * and the user's role; `POST /auth/logout` closes the caller's session; `GET /auth/me` says who
 * the token belongs to.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logIn, logOut } from '../../access/sessions.js';
import { ANY_ROLE, userOf } from '../access-control.js';
import type { ApiContext } from '../api-context.js';
import { LoginAnswer, LoginBody, Me, problemResponses, problems } from '../schemas.js';

/** Public: no session needed. */
export const loginRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['access'],
        summary: 'Sign in: a bearer token for the other routes',
        security: [],
        body: LoginBody,
        response: { 200: LoginAnswer, ...problemResponses([400, 401, 422, 500]) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const session = await logIn(context.database, request.body, {
        now: context.now(),
        ttlMs: context.sessionTtlMs,
      });
      return {
        token: session.token,
        expiresAt: session.expiresAt,
        role: session.role,
        username: session.username,
        employerId: session.employerId,
        memberId: session.memberId,
      };
    },
  );
};

/** Secured: the caller's own session. */
export const sessionRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.post(
    '/auth/logout',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['access'],
        summary: 'Sign out: the token stops working',
        response: { 204: z.undefined().describe('signed out'), ...problems() },
      },
    },
    async (request, reply) => {
      await logOut(context.database, request.sessionToken ?? '', userOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: { tags: ['access'], summary: 'Who the token belongs to', response: { 200: Me, ...problems() } },
    },
    async (request) => {
      const user = userOf(request);
      return {
        username: user.username,
        role: user.role,
        employerId: user.employerId,
        memberId: user.memberId,
        expiresAt: user.expiresAt,
      };
    },
  );
};
