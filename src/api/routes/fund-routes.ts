/**
 * @module api/routes/fund-routes
 * The fund as a whole: the ledger's invariants (supervision and audit) and one month in
 * aggregate numbers (the Council's analysts see nothing finer).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkLedger } from '../../fund/ledger/check-ledger.js';
import type { ApiContext } from '../api-context.js';
import { fundSummary } from '../queries/fund-summary.js';
import { FundSummary, LedgerCheckReport, Month, problems } from '../schemas.js';

export const fundRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.get(
    '/fund/check',
    {
      config: { access: { roles: ['supervisor', 'auditor', 'admin'] } },
      schema: {
        tags: ['fund'],
        summary: "Check the ledger's invariants over the whole fund",
        response: { 200: LedgerCheckReport, ...problems() },
      },
    },
    async () => checkLedger(context.database),
  );

  app.get(
    '/fund/summary',
    {
      config: { access: { roles: ['council_analyst', 'supervisor', 'fund_officer', 'auditor', 'admin'] } },
      schema: {
        tags: ['fund'],
        summary: 'One month in aggregate numbers: declarations, wages and contributions by scheme',
        querystring: z.object({ month: Month }),
        response: { 200: FundSummary, ...problems(400) },
      },
    },
    async (request) => fundSummary(context.database, request.query.month),
  );
};
