/**
 * @module kernel/errors
 * Typed application errors. An error carries a stable `code` and the facts (`details`) that
 * explain it; the human wording, in English and Khmer, lives in the locale catalogues
 * (`messages.en.ts`, `messages.km.ts`) so it can be translated without touching logic.
 * Messages say what happened, where, and what to do (the OpenFisca error-message ladder).
 */
import { type ErrorCode, messagesEn } from './messages.en.js';
import { messagesKm } from './messages.km.js';

export type { ErrorCode } from './messages.en.js';
export type Locale = 'en' | 'km';
export type ErrorDetails = Record<string, string | number | boolean | undefined>;

/**
 * One thing wrong with one piece of input: a field of a JSON body (`pointer`, RFC 6901) or a
 * cell of a spreadsheet (`row`, `column`, `cell`). An error may carry many, so a user fixes every
 * row of a declaration in one go.
 */
export interface InputProblem {
  readonly pointer?: string;
  readonly row?: number | null;
  readonly column?: string | null;
  readonly cell?: string | null;
  readonly code: string;
  readonly message: string;
}

/** Exit code for errors caused by the user's input (bad flag, bad file): the shell convention. */
export const EXIT_USAGE = 2;

export class SamakiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** The individual problems, when the input had several (rows of a declaration). */
  readonly problems: readonly InputProblem[];

  constructor(
    code: ErrorCode,
    details: ErrorDetails = {},
    options?: { cause?: unknown; problems?: readonly InputProblem[] },
  ) {
    super(formatMessage(code, details, 'en'), options);
    this.name = 'SamakiError';
    this.code = code;
    this.details = details;
    this.problems = options?.problems ?? [];
  }

  /** The message in the given locale. */
  localized(locale: Locale): string {
    return formatMessage(this.code, this.details, locale);
  }
}

export function isSamakiError(error: unknown): error is SamakiError {
  return error instanceof SamakiError;
}

/** Fills `{name}` placeholders of the code's template with the details. */
export function formatMessage(code: ErrorCode, details: ErrorDetails, locale: Locale): string {
  const template = (locale === 'km' ? messagesKm : messagesEn)[code];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = details[key];
    return value === undefined ? `{${key}}` : String(value);
  });
}
