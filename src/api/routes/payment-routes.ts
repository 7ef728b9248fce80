/**
 * @module api/routes/payment-routes
 * Money received from an employer, and the employer's statement. Recording a payment needs an
 * `Idempotency-Key`: the same request again returns the first answer and takes effect once.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { employerStatement } from '../../fund/ledger/employer-statement.js';
import { recordPayment } from '../../fund/payments/record-payment.js';
import { userOf } from '../access-control.js';
import { type ApiContext, idempotencyKeyOf, requireIdempotencyKey } from '../api-context.js';
import {
  EmployerParams,
  EmployerStatement,
  IdempotencyHeaders,
  PaymentBody,
  PaymentReceipt,
  problems,
} from '../schemas.js';

export const paymentRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.post(
    '/employers/:employerId/payments',
    {
      config: { access: { roles: ['fund_officer'] } },
      preValidation: requireIdempotencyKey,
      schema: {
        tags: ['payments'],
        summary:
          'Record a payment received from the employer; it pays the oldest debts first (Idempotency-Key required)',
        params: EmployerParams,
        headers: IdempotencyHeaders,
        body: PaymentBody,
        response: { 201: PaymentReceipt, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const receipt = await recordPayment(
        context.database,
        { ...request.body, employerId: request.params.employerId, idempotencyKey: idempotencyKeyOf(request) },
        { actor: userOf(request).username, today: context.today() },
      );
      return reply.code(201).send(receipt);
    },
  );

  app.get(
    '/employers/:employerId/statement',
    {
      config: { access: { roles: ['employer', 'fund_officer', 'supervisor', 'auditor', 'admin'] } },
      schema: {
        tags: ['payments'],
        summary: 'What the employer owes and has paid, month by month',
        params: EmployerParams,
        response: { 200: EmployerStatement, ...problems(400, 404) },
      },
    },
    async (request) => employerStatement(context.database, request.params.employerId),
  );
};
