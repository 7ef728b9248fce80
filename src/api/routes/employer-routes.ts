/**
 * @module api/routes/employer-routes
 * The registry over HTTP: registering employers, registering workers and ending their
 * employment, and an employer's list of workers (which staff opening it is audited).
 */

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SamakiError } from '../../kernel/errors.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { endEmployment, registerWorker } from '../../registry/register-worker.js';
import { userOf } from '../access-control.js';
import { type ApiContext, auditStaffView } from '../api-context.js';
import { listEmployerWorkers } from '../queries/list-employer-workers.js';
import {
  EmployerParams,
  EndEmploymentBody,
  EndedEmployment,
  MemberParams,
  PageQuery,
  problems,
  RegisterEmployerBody,
  RegisteredEmployer,
  RegisteredWorker,
  RegisterWorkerBody,
  WorkerPage,
} from '../schemas.js';

export const employerRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  app.post(
    '/employers',
    {
      config: { access: { roles: ['fund_officer', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Register an employer (or a self-employed contributor)',
        body: RegisterEmployerBody,
        response: { 201: RegisteredEmployer, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const registered = await registerEmployer(context.database, request.body, {
        actor: userOf(request).username,
        today: context.today(),
      });
      return reply.code(201).send(registered);
    },
  );

  app.post(
    '/employers/:employerId/workers',
    {
      config: { access: { roles: ['employer', 'fund_officer', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Register a worker with the employer',
        params: EmployerParams,
        body: RegisterWorkerBody,
        response: { 201: RegisteredWorker, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      // An employer attaching an existing member must show it knows the worker (see registerWorker).
      if (
        userOf(request).role === 'employer' &&
        request.body.memberId !== undefined &&
        !request.body.memberBirthDate
      )
        throw new SamakiError('worker_invalid', {
          reason:
            "an employer registering an existing member gives the worker's date of birth (memberBirthDate) too",
        });
      const registered = await registerWorker(
        context.database,
        { ...request.body, employerId: request.params.employerId },
        { actor: userOf(request).username, today: context.today() },
      );
      return reply.code(201).send(registered);
    },
  );

  app.post(
    '/employers/:employerId/workers/:memberId/end',
    {
      config: { access: { roles: ['employer', 'fund_officer', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: "End a worker's employment (the worker left)",
        params: EmployerParams.extend(MemberParams.shape),
        body: EndEmploymentBody,
        response: { 200: EndedEmployment, ...problems(400, 404, 422) },
      },
    },
    async (request) => {
      const { employerId, memberId } = request.params;
      await endEmployment(
        context.database,
        { employerId, memberId, endDate: request.body.endDate },
        { actor: userOf(request).username },
      );
      return { employerId, memberId, endDate: request.body.endDate };
    },
  );

  app.get(
    '/employers/:employerId/workers',
    {
      config: { access: { roles: ['employer', 'fund_officer', 'supervisor', 'auditor', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: "The employer's workers (staff access is audited)",
        params: EmployerParams,
        querystring: PageQuery,
        response: { 200: WorkerPage, ...problems(400, 404) },
      },
    },
    async (request) => {
      const page = await listEmployerWorkers(context.database, request.params.employerId, request.query);
      await auditStaffView(context, userOf(request), 'employer_workers', request.params.employerId);
      return page;
    },
  );
};
