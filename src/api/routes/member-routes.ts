/**
 * @module api/routes/member-routes
 * A member's insurance record: the member themself, or staff, whose every opening is audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberRecord } from '../../fund/member-record.js';
import { userOf } from '../access-control.js';
import { type ApiContext, auditStaffView } from '../api-context.js';
import { MemberParams, MemberRecord, problems } from '../schemas.js';

export const memberRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.get(
    '/members/:memberId/record',
    {
      config: { access: { roles: ['member', 'fund_officer', 'supervisor', 'auditor', 'admin'] } },
      schema: {
        tags: ['members'],
        summary: "A member's months of contribution by employer and scheme (staff access is audited)",
        params: MemberParams,
        response: { 200: MemberRecord, ...problems(400, 404) },
      },
    },
    async (request) => {
      const record = await memberRecord(context.database, request.params.memberId);
      await auditStaffView(context, userOf(request), 'member', request.params.memberId);
      return record;
    },
  );
};
