/**
 * @module api/problem
 * Errors as `application/problem+json` (RFC 9457): `type`, `title`, `status` and `detail`, plus
 * Samaki's stable `code` and a `problems` list that points at each offending field of a JSON body
 * (`pointer`, RFC 6901, relative to the body) or cell of a spreadsheet (`row`, `column`, `cell`),
 * so a client fixes everything in one go. `detail` is in Khmer or English after `Accept-Language`.
 * Server faults never leak their internals: the client gets a reference, the log gets the error.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorCode, InputProblem, Locale, SamakiError } from '../kernel/errors.js';

/** Where a problem lies when it is not in the body (query string, path or a header). */
export type ProblemLocation = 'body' | 'query' | 'path' | 'header';

export interface ApiProblem extends InputProblem {
  readonly in?: ProblemLocation;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  problems: ApiProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A URI naming the kind of problem; stable for a code, like the code itself. */
export function problemType(code: string): string {
  return `urn:samaki:problem:${code}`;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  auth_required: 401,
  auth_invalid: 401,
  login_failed: 401,
  forbidden: 403,
  member_unknown: 404,
  route_not_found: 404,
  declaration_exists: 409,
  declaration_superseded: 409,
  idempotency_conflict: 409,
  claim_wrong_state: 409,
  claim_needs_checker: 403,
  employer_duplicate: 409,
  user_exists: 409,
  request_rejected: 400,
  idempotency_key_missing: 400,
  upload_unsupported: 415,
  parameter_before_first_value: 422,
  internal_error: 500,
  database_unreachable: 503,
  data_dir_unusable: 503,
};

/**
 * Codes that describe a fault of the server or its installation (the law's files, the engine,
 * the legacy registers), never of the request: they answer 500 like an unexpected error.
 */
const SERVER_PREFIXES = [
  'parameter_',
  'variable_',
  'law_test_',
  'situation_',
  'legacy_',
  'synth_',
  'merge_',
  'bench_',
];

/** The HTTP status of an error code. */
export function statusOf(code: ErrorCode): number {
  const fixed = STATUS[code];
  if (fixed !== undefined) return fixed;
  if (SERVER_PREFIXES.some((p) => code.startsWith(p))) return 500;
  if (code.endsWith('_not_found')) return 404;
  // *_invalid, period_bad, exchange_rate_missing, input_*: the request was understood but
  // cannot be carried out as it stands.
  return 422;
}

export function problemOf(
  error: SamakiError,
  locale: Locale,
  status = statusOf(error.code),
): ProblemDocument {
  return {
    type: problemType(error.code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: error.localized(locale),
    code: error.code,
    problems: error.problems.map((p) => ({ ...p })),
  };
}

/**
 * Khmer or English, after the client's preferences (`Accept-Language: km, en;q=0.5`); English
 * when it names neither.
 */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return {
        language: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranked) if (r.language === 'km' || r.language === 'en') return r.language;
  return 'en';
}

/** An RFC 6901 pointer from a path of keys and indexes (`~` and `/` escaped). */
export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
