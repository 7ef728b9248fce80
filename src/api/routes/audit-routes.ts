/**
 * @module api/routes/audit-routes
 * Reading the audit log (auditors, and administrators read-only). There is deliberately no route
 * that changes or deletes it; the database refuses that anyway (migration 0001).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../api-context.js';
import { listAuditEntries } from '../queries/list-audit-entries.js';
import { AuditPage, AuditQuery, problems } from '../schemas.js';

export const auditRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.get(
    '/audit',
    {
      config: { access: { roles: ['auditor', 'admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, optionally for one entity or record',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems(400) },
      },
    },
    async (request) => listAuditEntries(context.database, request.query),
  );
};
