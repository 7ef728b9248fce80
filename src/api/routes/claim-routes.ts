/**
 * @module api/routes/claim-routes
 * Benefit claims over HTTP: a member (for their own record) or an officer submits a claim with
 * the event's facts and evidence; officers and supervisors have the law decide it (review),
 * approve it (a supervisor other than the decider above the approval threshold: maker-checker)
 * or reject it; the member or an officer appeals a rejection or withdraws a claim not yet
 * decided. One claim is shown with its history and the law's decision explained in plain words,
 * in Khmer or English after `Accept-Language`. Also a member's pensions with their dues and
 * payments, and the life events (death, recovery, return to work) that end them. Staff opening a
 * member's claims or pensions is audited like opening their record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionUser } from '../../access/sessions.js';
import { CLAIM_STATUSES } from '../../db/schema.js';
import { BENEFIT_VARIABLES } from '../../fund/benefits/benefit-catalog.js';
import {
  type Actor,
  appealClaim,
  approveClaim,
  type ClaimView,
  rejectClaim,
  reviewClaim,
  submitClaim,
  withdrawClaim,
} from '../../fund/benefits/claims.js';
import { decisionValue, listClaims, showClaim } from '../../fund/benefits/list-claims.js';
import { listEntitlements } from '../../fund/benefits/list-entitlements.js';
import { recordLifeEvent } from '../../fund/benefits/record-life-event.js';
import { SamakiError } from '../../kernel/errors.js';
import { userOf } from '../access-control.js';
import { type ApiContext, auditStaffView } from '../api-context.js';
import { localeFrom } from '../problem.js';
import { Id, IsoDate, MemberParams, Month, problems, Riel } from '../schemas.js';

const STAFF_READERS = ['fund_officer', 'supervisor', 'auditor', 'admin'] as const;
/** Who submits, appeals and withdraws: the member on their own record, or an officer for them. */
const CLAIMANTS = ['member', 'fund_officer', 'supervisor'] as const;
/** Who has the law decide a claim, approves and rejects it. */
const DECIDERS = ['fund_officer', 'supervisor'] as const;

// Schemas.

const ClaimParams = MemberParams.extend({ claimId: Id.describe('the claim number (per member)') });

const Evidence = z.object({
  kind: z.string().min(1).max(100).describe('e.g. medical_certificate, birth_certificate, accident_report'),
  reference: z.string().min(1).max(200).describe("the document's number or reference"),
});

const Facts = z
  .record(z.string().min(1).max(100), z.union([z.number(), z.boolean()]))
  .describe(
    "the event's facts as the law's inputs (e.g. sickness_days, maternity_leave_days, number_of_babies, incapacity_degree); never what the insurance record holds",
  );

const SubmitClaimBody = z.object({
  variable: z.enum(BENEFIT_VARIABLES).describe('the benefit claimed, by its name in the law'),
  month: Month.describe('the month the benefit is claimed for, YYYY-MM'),
  eventDate: IsoDate.describe('the date of the event (the birth, the accident, the first day of sickness)'),
  facts: Facts,
  evidence: z.array(Evidence).min(1).max(50).describe('at least one document that proves the event'),
});

const ReasonBody = z.object({
  reason: z.string().trim().min(1).max(2000).describe('why the claim is rejected; the member reads it'),
});
const AppealBody = z.object({
  grounds: z.string().trim().min(1).max(2000).describe('why the rejection is wrong'),
});

const CaseValue = z.union([z.number(), z.boolean(), z.string()]);
const Status = z.enum(CLAIM_STATUSES);

const Claim = z
  .object({
    memberId: z.number(),
    claimId: z.number(),
    variable: z.string(),
    month: z.string(),
    status: Status,
    amount: CaseValue.nullable().describe("the law's decision (riel, or eligibility) once reviewed"),
    decisionCaseKey: z.string().nullable(),
    decidedBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: 'Claim' });

const ClaimSummary = z.object({
  memberId: z.number(),
  claimId: z.number(),
  variable: z.string(),
  month: z.string(),
  eventDate: z.string(),
  status: Status,
  amount: CaseValue.nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  decidedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});

const ClaimList = z.object({ memberId: z.number(), items: z.array(ClaimSummary) }).meta({ id: 'ClaimList' });

const ClaimDetail = ClaimSummary.extend({
  facts: z.record(z.string(), CaseValue),
  evidence: z.array(z.object({ kind: z.string(), reference: z.string() })),
  decisionCaseKey: z.string().nullable(),
  events: z.array(
    z.object({
      eventId: z.number(),
      at: z.string(),
      actor: z.string(),
      fromStatus: Status.nullable(),
      toStatus: Status,
      note: z.string().nullable(),
    }),
  ),
  decision: z
    .object({
      caseKey: z.string(),
      variable: z.string(),
      period: z.string(),
      value: CaseValue,
      label: z.string().describe("the benefit's name, in Khmer or English"),
      valueText: z.string().describe('the value in words, e.g. "2,047,500 riel"'),
      inputs: z.record(z.string(), CaseValue).describe('every input the law read: the record and the facts'),
      lawVersion: z.string(),
      parameterHash: z.string().describe('sha256 of the parameter values the decision used'),
      evaluatedAt: z.string(),
      locale: z.enum(['en', 'km']),
      explanation: z
        .string()
        .describe(
          'why, in plain words: each amount with the formula and the parameters (with their legal references) it came from',
        ),
      trace: z.record(z.string(), z.unknown()).describe('the full trace, as JSON'),
    })
    .nullable()
    .describe('the law’s decision, once the claim has been reviewed'),
}).meta({ id: 'ClaimDetail' });

const Payment = z.object({
  instructionId: z.number(),
  runId: z.number(),
  attempt: z.number(),
  instructionKey: z.string(),
  amount: Riel,
  bank: z.string(),
  accountNo: z.string(),
  status: z.enum(['instructed', 'paid', 'failed', 'reversed']),
  settledOn: z.string().nullable(),
  bankReference: z.string().nullable(),
  reason: z.string().nullable(),
});

const EntitlementList = z
  .object({
    memberId: z.number(),
    items: z.array(
      z.object({
        entitlementId: z.number(),
        claimId: z.number(),
        variable: z.string(),
        branch: z.string(),
        startMonth: z.string(),
        dueThrough: z.string().nullable(),
        endMonth: z.string().nullable(),
        endReason: z.enum(['death', 'recovery', 'return_to_work']).nullable(),
        inPayment: z.boolean(),
        dues: z.array(
          z.object({
            dueId: z.number(),
            month: z.string(),
            amount: Riel,
            runId: z.number(),
            payments: z.array(Payment),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'EntitlementList' });

const LifeEventBody = z.object({
  kind: z.enum(['death', 'recovery', 'return_to_work']),
  date: IsoDate.describe('the date of the event'),
  evidence: Evidence.describe('the document that proves it (a death certificate, a medical board’s finding)'),
  survivors: z
    .object({
      spouse: z.boolean(),
      children: z.number().int().min(0).max(30),
      diedOfEmploymentInjury: z.boolean().optional(),
    })
    .optional()
    .describe('for a death: the survivors the informant declares'),
});

const LifeEventResult = z
  .object({
    memberId: z.number(),
    kind: z.enum(['death', 'recovery', 'return_to_work']),
    ended: z.array(z.object({ entitlementId: z.number(), variable: z.string(), endMonth: z.string() })),
    claimsFiled: z.array(Claim).describe("for a death: the survivors' and funeral claims filed"),
  })
  .meta({ id: 'LifeEventResult' });

/** The claims service's actor, from the signed-in user (the route's roles admitted them already). */
function actorOf(user: SessionUser): Actor {
  const { username, role } = user;
  if (
    role === 'fund_officer' ||
    role === 'supervisor' ||
    role === 'admin' ||
    role === 'member' ||
    role === 'employer'
  )
    return { username, role };
  throw new SamakiError('forbidden', { username, role, action: 'act on a claim' });
}

/** A claim as the services return it, its amount typed as the decision's value. */
function claimOut(view: ClaimView) {
  return { ...view, amount: decisionValue(view.amount) };
}

export const claimRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.post(
    '/members/:memberId/claims',
    {
      config: { access: { roles: CLAIMANTS } },
      schema: {
        tags: ['claims'],
        summary: 'Submit a benefit claim with the facts of the event and its evidence',
        params: MemberParams,
        body: SubmitClaimBody,
        response: { 201: Claim, ...problems(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const claim = await submitClaim(
        context.database,
        { ...request.body, memberId: request.params.memberId },
        actorOf(userOf(request)),
      );
      return reply.code(201).send(claimOut(claim));
    },
  );

  app.get(
    '/members/:memberId/claims',
    {
      config: { access: { roles: ['member', ...STAFF_READERS] } },
      schema: {
        tags: ['claims'],
        summary: "A member's claims, newest first (staff access is audited)",
        params: MemberParams,
        response: { 200: ClaimList, ...problems(400, 404) },
      },
    },
    async (request) => {
      const list = await listClaims(context.database, request.params.memberId);
      await auditStaffView(context, userOf(request), 'member', request.params.memberId);
      return list;
    },
  );

  app.get(
    '/members/:memberId/claims/:claimId',
    {
      config: { access: { roles: ['member', ...STAFF_READERS] } },
      schema: {
        tags: ['claims'],
        summary:
          "One claim with its history and the law's decision explained, in Khmer or English after Accept-Language (staff access is audited)",
        params: ClaimParams,
        response: { 200: ClaimDetail, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const locale = localeFrom(request.headers['accept-language']);
      const { memberId, claimId } = request.params;
      const claim = await showClaim(context.database, memberId, claimId, locale);
      await auditStaffView(context, userOf(request), 'member', memberId);
      // The explanation's language follows Accept-Language.
      reply.header('content-language', locale).header('vary', 'Accept-Language');
      return claim;
    },
  );

  app.post(
    '/members/:memberId/claims/:claimId/review',
    {
      config: { access: { roles: DECIDERS } },
      schema: {
        tags: ['claims'],
        summary:
          'Have the law decide the claim from the insurance record and its facts (submitted or appealed claims)',
        params: ClaimParams,
        response: { 200: Claim, ...problems(400, 404, 409, 422) },
      },
    },
    async (request) =>
      claimOut(
        await reviewClaim(
          context.database,
          request.params.memberId,
          request.params.claimId,
          actorOf(userOf(request)),
        ),
      ),
  );

  app.post(
    '/members/:memberId/claims/:claimId/approve',
    {
      config: { access: { roles: DECIDERS } },
      schema: {
        tags: ['claims'],
        summary:
          'Approve the decided claim; above the approval threshold a supervisor other than the decider approves (403 otherwise)',
        params: ClaimParams,
        response: { 200: Claim, ...problems(400, 404, 409, 422) },
      },
    },
    async (request) =>
      claimOut(
        await approveClaim(
          context.database,
          request.params.memberId,
          request.params.claimId,
          actorOf(userOf(request)),
        ),
      ),
  );

  app.post(
    '/members/:memberId/claims/:claimId/reject',
    {
      config: { access: { roles: DECIDERS } },
      schema: {
        tags: ['claims'],
        summary: 'Reject the decided claim, saying why',
        params: ClaimParams,
        body: ReasonBody,
        response: { 200: Claim, ...problems(400, 404, 409, 422) },
      },
    },
    async (request) =>
      claimOut(
        await rejectClaim(
          context.database,
          request.params.memberId,
          request.params.claimId,
          request.body.reason,
          actorOf(userOf(request)),
        ),
      ),
  );

  app.post(
    '/members/:memberId/claims/:claimId/appeal',
    {
      config: { access: { roles: CLAIMANTS } },
      schema: {
        tags: ['claims'],
        summary: 'Appeal a rejected claim; it goes back to review',
        params: ClaimParams,
        body: AppealBody,
        response: { 200: Claim, ...problems(400, 404, 409, 422) },
      },
    },
    async (request) =>
      claimOut(
        await appealClaim(
          context.database,
          request.params.memberId,
          request.params.claimId,
          request.body.grounds,
          actorOf(userOf(request)),
        ),
      ),
  );

  app.post(
    '/members/:memberId/claims/:claimId/withdraw',
    {
      config: { access: { roles: CLAIMANTS } },
      schema: {
        tags: ['claims'],
        summary: 'Withdraw a claim not yet approved or rejected',
        params: ClaimParams,
        response: { 200: Claim, ...problems(400, 404, 409, 422) },
      },
    },
    async (request) =>
      claimOut(
        await withdrawClaim(
          context.database,
          request.params.memberId,
          request.params.claimId,
          actorOf(userOf(request)),
        ),
      ),
  );

  app.get(
    '/members/:memberId/entitlements',
    {
      config: { access: { roles: ['member', ...STAFF_READERS] } },
      schema: {
        tags: ['claims'],
        summary:
          "A member's pensions, in payment or ended, with the months due and the payments to the bank (staff access is audited)",
        params: MemberParams,
        response: { 200: EntitlementList, ...problems(400, 404) },
      },
    },
    async (request) => {
      const list = await listEntitlements(context.database, request.params.memberId);
      await auditStaffView(context, userOf(request), 'member', request.params.memberId);
      return list;
    },
  );

  app.post(
    '/members/:memberId/events',
    {
      config: { access: { roles: DECIDERS } },
      schema: {
        tags: ['claims'],
        summary:
          "Record a death, recovery or return to work: it ends the pensions it ends; a death files the survivors' and funeral claims",
        params: MemberParams,
        body: LifeEventBody,
        response: { 201: LifeEventResult, ...problems(400, 404, 422) },
      },
    },
    async (request, reply) => {
      const result = await recordLifeEvent(
        context.database,
        { ...request.body, memberId: request.params.memberId },
        actorOf(userOf(request)),
      );
      return reply.code(201).send({ ...result, claimsFiled: result.claimsFiled.map(claimOut) });
    },
  );
};
