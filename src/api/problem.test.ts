import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SamakiError } from '../kernel/errors.js';
import { messagesEn } from '../kernel/messages.en.js';
import { messagesKm } from '../kernel/messages.km.js';
import { problemFromError } from './error-handler.js';
import { localeFrom, pointerOf, statusOf } from './problem.js';
import { RequestValidationError } from './validation.js';

describe('statusOf', () => {
  it.each([
    ['employer_not_found', 404],
    ['declaration_not_found', 404],
    ['member_unknown', 404],
    ['declaration_exists', 409],
    ['idempotency_conflict', 409],
    ['declaration_superseded', 409],
    ['employer_duplicate', 409],
    ['declaration_invalid', 422],
    ['worker_invalid', 422],
    ['payment_invalid', 422],
    ['period_bad', 422],
    ['exchange_rate_missing', 422],
    ['auth_required', 401],
    ['forbidden', 403],
    ['idempotency_key_missing', 400],
    ['parameter_unknown', 500],
    ['database_unreachable', 503],
  ] as const)('%s answers %i', (code, status) => {
    expect(statusOf(code)).toBe(status);
  });
});

describe('localeFrom', () => {
  it.each([
    [undefined, 'en'],
    ['km', 'km'],
    ['km-KH,en;q=0.8', 'km'],
    ['en-US,km;q=0.9', 'en'],
    ['fr, km;q=0.5', 'km'],
    ['en;q=0.2, km;q=0.7', 'km'],
    ['km;q=0, en', 'en'],
    ['de', 'en'],
  ] as const)('%s gives %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});

describe('pointerOf', () => {
  it('escapes ~ and / as RFC 6901 says, and points at the whole document with an empty path', () => {
    expect(pointerOf(['lines', 3, 'wageKhr'])).toBe('/lines/3/wageKhr');
    expect(pointerOf(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(pointerOf([])).toBe('');
  });
});

describe('problemFromError', () => {
  it('gives a Samaki error its status, localized detail, code and problems', () => {
    const error = new SamakiError('employer_not_found', { id: 42 });
    const { problem } = problemFromError(error, 'km');
    expect(problem).toEqual({
      type: 'urn:samaki:problem:employer_not_found',
      title: 'Not Found',
      status: 404,
      detail: error.localized('km'),
      code: 'employer_not_found',
      problems: [],
    });
    expect(problem.detail).toContain('42');
    expect(problem.detail).not.toBe(error.localized('en'));
  });

  it('answers 500 to an unexpected error without a word of its message, but with a reference', () => {
    const { problem, reference } = problemFromError(
      new Error('connection to 10.0.0.5 refused: password=hunter2'),
      'en',
    );
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('internal_error');
    expect(reference).toMatch(/^[0-9a-f]{12}$/);
    expect(problem.detail).toContain(reference);
    expect(JSON.stringify(problem)).not.toMatch(/10\.0\.0\.5|hunter2|refused/);
  });

  it('hides the details of a server-side Samaki error too', () => {
    const { problem } = problemFromError(
      new SamakiError('database_unreachable', { url: 'postgres://db.internal', reason: 'x' }),
      'en',
    );
    expect(problem).toMatchObject({ status: 503, code: 'internal_error' });
    expect(JSON.stringify(problem)).not.toContain('db.internal');
  });

  it('points at each invalid field of a body (422) and names the part for a query string (400)', () => {
    const schema = z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      lines: z.array(z.object({ wageKhr: z.number() })),
    });
    const input = { month: 'May', lines: [{ wageKhr: 1 }, { wageKhr: 'lots' }] };
    const issues = schema.safeParse(input).error!.issues;
    const body = new RequestValidationError(schema, input, issues);
    body.validationContext = 'body';
    const { problem } = problemFromError(body, 'en');
    expect(problem.status).toBe(422);
    expect(problem.code).toBe('request_invalid');
    expect(problem.problems.map((p) => p.pointer)).toEqual(['/month', '/lines/1/wageKhr']);
    expect(problem.problems.every((p) => p.in === undefined)).toBe(true);

    const query = new RequestValidationError(schema, input, issues);
    query.validationContext = 'querystring';
    const answer = problemFromError(query, 'km').problem;
    expect(answer.status).toBe(400);
    expect(answer.problems[0]).toMatchObject({ pointer: '/month', in: 'query' });
    // Re-worded by zod's Khmer locale.
    expect(answer.problems[0]!.message).not.toBe(issues[0]!.message);
  });

  it("passes fastify's own refusals on with their status", () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(problemFromError(tooLarge, 'en').problem).toMatchObject({ status: 413, code: 'request_rejected' });
  });
});

describe('the message catalogues', () => {
  it('word every error code in both English and Khmer', () => {
    expect(Object.keys(messagesKm).sort()).toEqual(Object.keys(messagesEn).sort());
  });
});
