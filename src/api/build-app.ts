/**
 * @module api/build-app
 * The fund's HTTP API (Fastify + Zod). `buildApp` assembles it without listening on a port, so
 * tests drive it with `app.inject` and `samaki serve` listens with it.
 *
 * Two scopes. The public one answers without credentials: `/health`, `/auth/login`, the OpenAPI
 * document (`/openapi.json`) and its browsable docs (`/docs`, served from the package, so they
 * work with no network). Every other route is in the secured scope, where each declares its
 * roles (`api/access-control.ts`). Routes are thin: they validate, call the same use cases as
 * the CLI, and shape the answer. Errors are problem documents (`api/error-handler.ts`).
 */
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  createJsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_SESSION_TTL_MS } from '../access/sessions.js';
import type { Database } from '../db/open-database.js';
import { SamakiError } from '../kernel/errors.js';
import { secureScope } from './access-control.js';
import type { ApiContext } from './api-context.js';
import { handleError, sendProblem } from './error-handler.js';
import { localeFrom, problemOf } from './problem.js';
import { auditRoutes } from './routes/audit-routes.js';
import { loginRoutes, sessionRoutes } from './routes/auth-routes.js';
import { benefitPaymentRoutes } from './routes/benefit-payment-routes.js';
import { claimRoutes } from './routes/claim-routes.js';
import { declarationRoutes } from './routes/declaration-routes.js';
import { employerRoutes } from './routes/employer-routes.js';
import { fundRoutes } from './routes/fund-routes.js';
import { memberRoutes } from './routes/member-routes.js';
import { paymentRoutes } from './routes/payment-routes.js';
import { validatorCompiler } from './validation.js';

export interface BuildAppOptions {
  database: Database;
  /** Today's date, `YYYY-MM-DD` (default: from `now`). */
  today?: () => string;
  /** The current instant, for session expiry (default: the system clock). */
  now?: () => Date;
  /** How long a session lasts (default 8 hours). */
  sessionTtlMs?: number;
  /** fastify's logger (default: off; `samaki serve` turns it on). */
  logger?: FastifyServerOptions['logger'];
}

/** JSON bodies (a declaration of a large employer); file uploads have their own limit. */
const JSON_BODY_LIMIT = 16 * 1024 * 1024;

export const API_VERSION = '0.1.0';

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const context: ApiContext = {
    database: options.database,
    now,
    today: options.today ?? (() => now().toISOString().slice(0, 10)),
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
  };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: JSON_BODY_LIMIT });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    const error = new SamakiError('route_not_found', {
      method: request.method,
      path: request.url.split('?')[0],
    });
    return sendProblem(reply, problemOf(error, locale), locale);
  });

  // Registered first, so it sees every route registered after it.
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Samaki fund API',
        version: API_VERSION,
        description:
          "The National Social Security Fund's contributions: employers, workers, declarations, payments, " +
          "members' records, benefit claims with the law's explained decisions, benefit payment runs and the " +
          'files exchanged with the banks, and the audit log. Sign in with `POST /auth/login` and send the token as ' +
          '`Authorization: Bearer <token>`. Errors are `application/problem+json` (RFC 9457); `detail` is in ' +
          'Khmer or English after `Accept-Language`. Every request that moves money takes an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'the token from POST /auth/login' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: openApiTransform,
    transformObject: jsonSchemaTransformObject,
  });

  // The public scope.
  app.register(async (open) => {
    open.get(
      '/health',
      {
        schema: {
          tags: ['service'],
          summary: 'Is the service up (and its database reachable)?',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        await context.database.db.selectFrom('law_version').select('version').limit(1).execute();
        return { status: 'ok' as const, database: context.database.kind };
      },
    );
    open.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await open.register(loginRoutes, context);
    await open.register(swaggerUi, {
      routePrefix: '/docs',
      // No call to the public validator: the docs must work with no network.
      uiConfig: { validatorUrl: null, deepLinking: true },
      staticCSP: true,
    });
  });

  // The secured scope: a session and an admitted role on every route.
  app.register(async (secured) => {
    secureScope(secured, context.database, now);
    await secured.register(sessionRoutes, context);
    await secured.register(employerRoutes, context);
    await secured.register(declarationRoutes, context);
    await secured.register(paymentRoutes, context);
    await secured.register(memberRoutes, context);
    await secured.register(claimRoutes, context);
    await secured.register(benefitPaymentRoutes, context);
    await secured.register(fundRoutes, context);
    await secured.register(auditRoutes, context);
  });
  return app;
}

const zodTransform = createJsonSchemaTransform({});

/**
 * The zod schemas as JSON Schema (2020-12, for OpenAPI 3.1), plus what zod cannot say: a route
 * that `consumes` files takes the raw file as its body.
 */
const openApiTransform: SwaggerTransform = (document) => {
  const transformed = zodTransform(document as Parameters<typeof zodTransform>[0]);
  const schema = transformed.schema as Record<string, unknown>;
  if (Array.isArray(schema.consumes) && schema.body === undefined)
    return {
      ...transformed,
      schema: { ...schema, body: { type: 'string', format: 'binary', description: 'the file itself' } },
    };
  return transformed;
};
