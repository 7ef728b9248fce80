/**
 * @module api/validation
 * Request validation with zod. Unlike the type provider's own compiler, it keeps zod's issue
 * paths, so each problem carries an exact RFC 6901 pointer, and the schema and input, so the
 * messages can be given again in Khmer when the client asks for it.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { type core, z } from 'zod';
import type { Locale } from '../kernel/errors.js';
import { type ApiProblem, type ProblemLocation, pointerOf } from './problem.js';

/** fastify's names for the parts of a request, and ours. */
const LOCATIONS: Readonly<Record<string, ProblemLocation>> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

export class RequestValidationError extends Error {
  /** Set by fastify: which part of the request failed. */
  validationContext?: string;

  constructor(
    readonly schema: z.ZodType,
    readonly input: unknown,
    readonly issues: readonly core.$ZodIssue[],
  ) {
    super(`request validation failed: ${issues[0]?.message ?? ''}`);
    this.name = 'RequestValidationError';
  }

  get location(): ProblemLocation {
    return LOCATIONS[this.validationContext ?? 'body'] ?? 'body';
  }

  /** One problem per issue, worded in the locale. */
  problems(locale: Locale): ApiProblem[] {
    const issues =
      locale === 'km'
        ? (this.schema.safeParse(this.input, { error: khmer() }).error?.issues ?? this.issues)
        : this.issues;
    const location = this.location;
    return issues.map((issue) => ({
      pointer: pointerOf(issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))),
      ...(location === 'body' ? {} : { in: location }),
      code: issue.code,
      message: issue.message,
    }));
  }
}

let khmerMap: core.$ZodErrorMap | undefined;
function khmer(): core.$ZodErrorMap {
  khmerMap ??= z.locales.km().localeError;
  return khmerMap;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(schema, data, result.error.issues) };
  };
