/**
 * @module api/routes/benefit-payment-routes
 * Paying benefits over HTTP: where a member is paid (the bank account, set by staff only), the
 * price index pensions follow, the monthly payment run (which moves money, so it needs an
 * `Idempotency-Key`: the same key again answers the first run), the run's payment file for the
 * banks (CSV), and the banks' return files (CSV, sent as the request body), reconciled whole or
 * refused whole with a problem per row.
 */
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from '../../db/write-audit.js';
import { bankPaymentFile, reconcileBankReturn } from '../../fund/payments/bank-files.js';
import { listPaymentRuns } from '../../fund/payments/list-payment-runs.js';
import { runBenefitPayments } from '../../fund/payments/run-benefit-payments.js';
import { setMemberPayee, setPriceIndex } from '../../fund/payments/set-member-payee.js';
import { userOf } from '../access-control.js';
import { type ApiContext, idempotencyKeyOf, requireIdempotencyKey } from '../api-context.js';
import { Id, IdempotencyHeaders, MemberParams, Month, PageQuery, problems, Riel } from '../schemas.js';

const CSV_TYPE = 'text/csv';
/** A return file of a national run: tens of thousands of rows, far below this. */
const RETURN_FILE_LIMIT_BYTES = 50 * 1024 * 1024;

/** Who sets payees, runs payments and exchanges files with the banks. */
const PAYERS = ['fund_officer', 'supervisor'] as const;

// Schemas.

const PayeeBody = z.object({
  bank: z.string().min(1).max(40).describe('the paying bank, e.g. ACLEDA'),
  accountNo: z.string().min(1).max(34).describe('4 to 34 letters, digits or hyphens'),
  accountName: z.string().min(1).max(200).describe("the account holder's name"),
});

const Payee = z
  .object({ memberId: z.number(), bank: z.string(), accountNo: z.string(), accountName: z.string() })
  .meta({ id: 'Payee' });

const PriceIndexParams = z.object({ month: Month.describe('the month the index is in force from') });
const PriceIndexBody = z.object({
  cpi: z.number().positive().describe('the consumer price index'),
  reference: z.string().min(1).max(500).describe('its source: the Ministry of Planning’s release'),
});
const PriceIndex = z
  .object({ month: z.string(), cpi: z.number(), reference: z.string() })
  .meta({ id: 'PriceIndex' });

const PaymentRunBody = z.object({ month: Month.describe('the month paid: every due up to it') });

const PaymentRunSummary = z
  .object({
    runId: z.number(),
    month: z.string(),
    created: z.boolean().describe('false when the Idempotency-Key named an earlier run, returned unchanged'),
    dues: z.number().describe('dues the run created: pension months and one-off claims'),
    instructions: z.number().describe('instructions sent to the banks (new dues and earlier failures)'),
    amount: Riel.describe('riel instructed'),
    held: z.number().describe('dues left unpaid for want of a bank account'),
    withoutAmount: z.number().describe('pension months the law gave 0 riel for: nothing due'),
    dueByBranch: z.record(z.string(), Riel).describe('riel due by the run, per branch'),
  })
  .meta({ id: 'PaymentRunSummary' });

const PaymentRunPage = z
  .object({
    items: z.array(
      z.object({
        runId: z.number(),
        month: z.string(),
        createdAt: z.string(),
        actor: z.string(),
        dues: z.number(),
        instructions: z.number(),
        amount: Riel,
        held: z.number(),
        lawVersion: z.string(),
        parameterHash: z.string(),
        payments: z
          .object({ instructed: z.number(), paid: z.number(), failed: z.number(), reversed: z.number() })
          .describe("the run's instructions by their status now"),
      }),
    ),
    nextCursor: z.number().nullable(),
  })
  .meta({ id: 'PaymentRunPage' });

const RunParams = z.object({ runId: Id.describe('the payment run') });

const ReturnQuery = z.object({
  file: z
    .string()
    .min(1)
    .max(200)
    .describe("the return file's name, as the bank named it: recorded with the settlement"),
});

const ReconciliationSummary = z
  .object({
    file: z.string(),
    rows: z.number(),
    paid: z.number(),
    failed: z.number(),
    reversed: z.number(),
    unchanged: z.number().describe('rows repeating a settlement already recorded'),
    paidAmount: Riel,
    reversedAmount: Riel,
  })
  .meta({ id: 'ReconciliationSummary' });

export const benefitPaymentRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.put(
    '/members/:memberId/payee',
    {
      // Staff only: a member may NOT change the account their benefits are paid to through the API.
      // A stolen or phished member password would otherwise redirect the member's pension to a
      // fraudster's account; the member changes it at an NSSF office, with identity checked, and the
      // officer records it here (audited, with the account before and after).
      config: { access: { roles: PAYERS } },
      schema: {
        tags: ['benefit payments'],
        summary: "Set the bank account a member's benefits are paid to (staff only; audited)",
        params: MemberParams,
        body: PayeeBody,
        response: { 200: Payee, ...problems(400, 404, 422) },
      },
    },
    async (request) =>
      setMemberPayee(context.database, request.params.memberId, request.body, {
        actor: userOf(request).username,
      }),
  );

  app.put(
    '/price-index/:month',
    {
      config: { access: { roles: ['supervisor', 'admin'] } },
      schema: {
        tags: ['benefit payments'],
        summary: 'Record the consumer price index in force from a month: pensions follow it from then',
        params: PriceIndexParams,
        body: PriceIndexBody,
        response: { 200: PriceIndex, ...problems(400, 422) },
      },
    },
    async (request) => {
      const input = { month: request.params.month, cpi: request.body.cpi, reference: request.body.reference };
      await setPriceIndex(context.database, input, { actor: userOf(request).username });
      return { ...input, reference: input.reference.trim() };
    },
  );

  app.post(
    '/payment-runs',
    {
      config: { access: { roles: PAYERS } },
      preValidation: requireIdempotencyKey,
      schema: {
        tags: ['benefit payments'],
        summary:
          'Run the benefit payments of a month: dues computed by the law, instructions to the banks, the ledger posted (Idempotency-Key required; the same key again answers the first run with 200)',
        headers: IdempotencyHeaders,
        body: PaymentRunBody,
        response: { 200: PaymentRunSummary, 201: PaymentRunSummary, ...problems(400, 409, 422) },
      },
    },
    async (request, reply) => {
      const run = await runBenefitPayments(context.database, request.body.month, {
        actor: userOf(request).username,
        today: context.today(),
        idempotencyKey: idempotencyKeyOf(request),
      });
      return reply.code(run.created ? 201 : 200).send(run);
    },
  );

  app.get(
    '/payment-runs',
    {
      config: { access: { roles: ['fund_officer', 'supervisor', 'auditor', 'admin'] } },
      schema: {
        tags: ['benefit payments'],
        summary: 'The payment runs, newest first, with where their instructions stand',
        querystring: PageQuery,
        response: { 200: PaymentRunPage, ...problems(400) },
      },
    },
    async (request) => listPaymentRuns(context.database, request.query),
  );

  app.get(
    '/payment-runs/:runId/bank-file',
    {
      config: { access: { roles: PAYERS } },
      schema: {
        tags: ['benefit payments'],
        summary:
          "The run's payment file for the banks (CSV, one row per instruction, keyed by its idempotency key; each download is audited)",
        params: RunParams,
        response: {
          200: {
            description: 'the payment file, as CSV (docs/bank-payment-files.md)',
            content: { [CSV_TYPE]: { schema: z.any() } },
          },
          ...problems(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const csv = await bankPaymentFile(context.database, runId);
      // The file names every payee's bank account: who took a copy is on record.
      await writeAudit(context.database.db, {
        actor: userOf(request).username,
        action: 'download',
        entity: 'payment_run',
        entityId: String(runId),
      });
      return reply
        .type(`${CSV_TYPE}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="payment-run-${runId}.csv"`)
        .send(csv);
    },
  );

  // The bank's return file is the raw CSV body. Its own scope takes CSV and nothing else: another
  // content type is refused with 415 before the handler runs.
  await app.register(async (scope) => {
    const csv = scope.withTypeProvider<ZodTypeProvider>();
    csv.removeAllContentTypeParsers();
    csv.addContentTypeParser(
      CSV_TYPE,
      { parseAs: 'string', bodyLimit: RETURN_FILE_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    csv.post(
      '/payment-runs/returns',
      {
        config: { access: { roles: PAYERS } },
        schema: {
          tags: ['benefit payments'],
          summary:
            "Reconcile a bank's return file (CSV as the request body): paid, failed and reversed instructions; a bad file is refused whole with a problem per row (422)",
          consumes: [CSV_TYPE],
          querystring: ReturnQuery,
          response: { 200: ReconciliationSummary, ...problems(400, 413, 415, 422) },
        },
      },
      async (request) =>
        reconcileBankReturn(context.database, typeof request.body === 'string' ? request.body : '', {
          actor: userOf(request).username,
          file: request.query.file,
          today: context.today(),
        }),
    );
  });
};
