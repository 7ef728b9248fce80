/**
 * @module api/error-handler
 * Turns whatever a route threw into a problem document: Samaki's own errors with their status,
 * invalid requests with a pointer per problem, fastify's refusals (bad JSON, too large, unknown
 * content type), and anything else as a 500 that names a reference and nothing more. The full
 * error goes to the log under that reference.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isSamakiError, type Locale, SamakiError } from '../kernel/errors.js';
import { localeFrom, PROBLEM_CONTENT_TYPE, type ProblemDocument, problemOf, statusOf } from './problem.js';
import { RequestValidationError } from './validation.js';

export function problemFromError(
  error: unknown,
  locale: Locale,
): { problem: ProblemDocument; reference?: string } {
  if (isSamakiError(error)) {
    const status = statusOf(error.code);
    if (status < 500) return { problem: problemOf(error, locale, status) };
    return internal(locale, status);
  }
  if (error instanceof RequestValidationError) {
    const problems = error.problems(locale);
    const first = problems[0];
    const samaki = new SamakiError(
      'request_invalid',
      {
        count: problems.length,
        first: first ? `${first.in ?? 'body'} ${first.pointer || '(whole)'}: ${first.message}` : '',
      },
      { problems },
    );
    // A body that is well-formed JSON but not what the route takes is unprocessable content; a
    // malformed path, query string or header is a bad request.
    return { problem: problemOf(samaki, locale, error.location === 'body' ? 422 : 400) };
  }
  const fastifyError = error as Partial<FastifyError> | undefined;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && fastifyError?.code?.startsWith('FST_')) {
    // fastify's own refusals (FST_ERR_CTP_*: bad JSON, body too large, unsupported media type):
    // their messages describe the request, not the server.
    const samaki = new SamakiError('request_rejected', {
      reason: String(fastifyError.message ?? fastifyError.code),
    });
    return { problem: problemOf(samaki, locale, status) };
  }
  return internal(locale, 500);
}

function internal(locale: Locale, status: number): { problem: ProblemDocument; reference: string } {
  const reference = randomBytes(6).toString('hex');
  return { problem: problemOf(new SamakiError('internal_error', { reference }), locale, status), reference };
}

export async function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const locale = localeFrom(request.headers['accept-language']);
  const { problem, reference } = problemFromError(error, locale);
  if (reference !== undefined) request.log.error({ err: error, reference }, 'unexpected error');
  await sendProblem(reply, problem, locale);
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument, locale: Locale): FastifyReply {
  // RFC 6750: a 401 says which scheme to authenticate with.
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="samaki"');
  // The detail's language follows Accept-Language.
  reply.header('vary', 'Accept-Language');
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('content-language', locale)
    .send(problem);
}
