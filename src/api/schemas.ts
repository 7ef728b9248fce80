/**
 * @module api/schemas
 * The zod schemas shared by the routes: identifiers, months and dates, pages, the problem
 * document, and the answers of the fund's use cases. They validate requests, shape responses
 * (fields a schema does not name are not sent) and become the OpenAPI document. Ranges and
 * business rules are left to the services, which name the offending field or cell themselves.
 */
import { z } from 'zod';
import { ROLES } from '../access/roles.js';
import { EMPLOYER_KINDS, EMPLOYMENT_KINDS } from '../db/schema.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

/** A path or query identifier: digits, above 0. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const Month = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2025-06')
  .describe('a month, YYYY-MM');

export const IsoDate = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date is written YYYY-MM-DD, e.g. 2025-06-30')
  .describe('a date, YYYY-MM-DD');

export const Riel = z.number().describe('riel (KHR), whole');

export const PageQuery = z.object({
  cursor: Id.optional().describe('the nextCursor of the previous page'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe('items per page (default 50, at most 200)'),
});

export const EmployerParams = z.object({ employerId: Id.describe('the employer identifier') });
export const MemberParams = z.object({ memberId: Id.describe('the member number') });

/**
 * Headers are passed through whole (`looseObject`): fastify replaces the request's headers with
 * the validated value, and the authorisation header must survive.
 */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .describe('a new unique value (a UUID, say) per request; the same value when repeating it'),
});

export const ProblemItem = z
  .object({
    pointer: z
      .string()
      .optional()
      .describe('RFC 6901 pointer into the JSON body, or the name of a query, path or header field'),
    in: z.enum(['body', 'query', 'path', 'header']).optional(),
    row: z.number().nullable().optional().describe('row of the spreadsheet'),
    column: z.string().nullable().optional().describe('column key of the template, e.g. wage_khr'),
    cell: z.string().nullable().optional().describe('spreadsheet cell, e.g. C7'),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ProblemItem' });

export const Problem = z
  .object({
    type: z.string().describe('urn:samaki:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('what happened and what to do, in Khmer or English after Accept-Language'),
    code: z.string().describe('stable error code'),
    problems: z.array(ProblemItem),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const PROBLEM_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'bad request: a malformed path, query string, header or JSON',
  401: 'no valid session: sign in with POST /auth/login',
  403: "the user's role may not do this, or not for this employer or member",
  404: 'no such employer, member or declaration',
  409: 'conflicts with what exists (already declared, superseded, key reused for another request)',
  413: 'the file is too large',
  415: 'not an XLSX or CSV file',
  422: 'understood but refused: every problem is listed with its pointer or cell',
  500: 'a fault of the server; the detail gives a reference for support',
};

type ProblemResponse = {
  description: string;
  content: { 'application/problem+json': { schema: typeof Problem } };
};

/** Problem responses with these statuses, for the OpenAPI document and the serializer. */
export function problemResponses<const S extends number>(statuses: readonly S[]): Record<S, ProblemResponse> {
  return Object.fromEntries(
    [...new Set(statuses)].map((s) => [
      s,
      {
        description: PROBLEM_DESCRIPTIONS[s] ?? 'a problem',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
      },
    ]),
  ) as Record<S, ProblemResponse>;
}

/** The problem responses of a secured route: 401, 403 and 500, and these. */
export function problems<const S extends number>(
  ...statuses: S[]
): Record<S | 401 | 403 | 500, ProblemResponse> {
  return problemResponses([401, 403, 500, ...statuses]);
}

// Access.

export const LoginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const LoginAnswer = z
  .object({
    token: z.string().describe('send as "Authorization: Bearer <token>"'),
    expiresAt: z.string().describe('ISO timestamp; sign in again after it'),
    role: z.enum(ROLES),
    username: z.string(),
    employerId: z.number().nullable(),
    memberId: z.number().nullable(),
  })
  .meta({ id: 'LoginAnswer' });

export const Me = z
  .object({
    username: z.string(),
    role: z.enum(ROLES),
    employerId: z.number().nullable(),
    memberId: z.number().nullable(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Me' });

// Registry.

export const RegisterEmployerBody = z.object({
  kind: z.enum(EMPLOYER_KINDS),
  name: z.string(),
  sector: z.string(),
  province: z.number().int().nullable().optional().describe('province code 1-25'),
  leadEmployerId: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('the value-chain lead this employer works for'),
  businessNo: z.string().nullable().optional().describe('Ministry of Commerce registration number'),
  startedOn: IsoDate,
  registeredOn: IsoDate.optional().describe('default: today'),
});

export const RegisteredEmployer = z
  .object({
    employerId: z.number(),
    employerNo: z.string(),
    kind: z.enum(EMPLOYER_KINDS),
    name: z.string(),
    registrationDeadline: z.string(),
    lateRegistration: z.boolean(),
    deadlineReference: z.string(),
  })
  .meta({ id: 'RegisteredEmployer' });

export const NewPerson = z.object({
  familyNameKm: z.string(),
  givenNameKm: z.string(),
  nameLatin: z.string().nullable().optional(),
  sex: z.enum(['M', 'F']),
  birthDate: IsoDate,
  nationalId: z.string().nullable().optional(),
  province: z.number().int(),
});

export const RegisterWorkerBody = z.object({
  memberId: z.number().int().positive().optional().describe('an existing member; or give person'),
  memberBirthDate: IsoDate.optional().describe(
    "with memberId: the worker's date of birth, checked against the member's records (required of employer users)",
  ),
  person: NewPerson.optional().describe('a person to register (found by national ID when already insured)'),
  kind: z.enum(EMPLOYMENT_KINDS).optional(),
  sector: z.string().optional(),
  viaEmployerId: z.number().int().positive().nullable().optional(),
  startDate: IsoDate,
  registeredOn: IsoDate.optional(),
});

export const RegisteredWorker = z
  .object({
    memberId: z.number(),
    employmentId: z.number(),
    newMember: z.boolean(),
    registrationDeadline: z.string(),
    lateRegistration: z.boolean(),
  })
  .meta({ id: 'RegisteredWorker' });

export const EndEmploymentBody = z.object({ endDate: IsoDate });

export const EndedEmployment = z.object({
  employerId: z.number(),
  memberId: z.number(),
  endDate: z.string(),
});

export const Worker = z.object({
  employmentId: z.number(),
  memberId: z.number(),
  kind: z.string(),
  sector: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  nameKm: z.string().nullable(),
  nameLatin: z.string().nullable(),
  sex: z.string().nullable(),
});

export const WorkerPage = z
  .object({
    employerId: z.number(),
    employerNo: z.string(),
    items: z.array(Worker),
    nextCursor: z.number().nullable(),
  })
  .meta({ id: 'WorkerPage' });

// Declarations.

export const DeclarationLine = z.object({
  memberId: z.number().describe('member number'),
  wageKhr: z.number().describe('wage paid in riel'),
  wageUsdCents: z.number().optional().describe('wage paid in US dollars, in cents'),
  daysWorked: z.number().nullable().optional(),
  employmentKind: z.enum(EMPLOYMENT_KINDS).optional(),
});

export const DeclarationBody = z.object({
  month: Month,
  amends: z.number().int().positive().optional().describe('the declaration this one corrects'),
  lines: z.array(DeclarationLine).max(100_000),
});

export const UploadQuery = z.object({
  month: Month,
  amends: Id.optional().describe('the declaration this one corrects'),
});

export const DeclarationReceipt = z
  .object({
    declarationId: z.number(),
    employerId: z.number(),
    employerNo: z.string(),
    month: z.string(),
    version: z.number(),
    amends: z.number().nullable(),
    status: z.enum(['received', 'posted']),
    lines: z.number(),
    wageTotal: Riel,
    employerTotal: Riel,
    workerTotal: Riel,
    total: Riel,
    lawVersion: z.string(),
    parameterHash: z.string(),
  })
  .meta({ id: 'DeclarationReceipt' });

export const DeclarationSummary = z
  .object({
    declarationId: z.number(),
    month: z.string(),
    version: z.number(),
    amends: z.number().nullable(),
    status: z.string(),
    source: z.string(),
    receivedAt: z.string(),
    postedAt: z.string().nullable(),
    lines: z.number(),
    wageTotal: Riel,
    employerTotal: Riel,
    workerTotal: Riel,
    lawVersion: z.string().nullable(),
    parameterHash: z.string().nullable(),
  })
  .meta({ id: 'DeclarationSummary' });

export const DeclarationPage = z
  .object({ items: z.array(DeclarationSummary), nextCursor: z.number().nullable() })
  .meta({ id: 'DeclarationPage' });

export const DeclarationDetail = z
  .object({
    declaration: DeclarationSummary,
    lines: z.array(
      z.object({
        lineNo: z.number(),
        memberId: z.number(),
        employmentKind: z.string(),
        wageKhr: Riel,
        wageUsdCents: z.number(),
        daysWorked: z.number().nullable(),
        contributoryWage: Riel,
        employmentInjury: Riel,
        healthEmployer: Riel,
        healthWorker: Riel,
        pensionEmployer: Riel,
        pensionWorker: Riel,
        selfEmployedHealth: Riel,
      }),
    ),
  })
  .meta({ id: 'DeclarationDetail' });

export const DeclarationParams = EmployerParams.extend({
  declarationId: Id.describe('the declaration identifier'),
});

// Payments and the ledger.

export const PaymentBody = z.object({
  amount: z.number().describe('riel received, whole, above 0'),
  receivedOn: IsoDate,
  reference: z.string().describe("the bank's reference of the transfer"),
});

export const PaymentReceipt = z
  .object({
    paymentId: z.number(),
    employerId: z.number(),
    amount: Riel,
    receivedOn: z.string(),
    allocations: z.array(
      z.object({ month: z.string(), kind: z.enum(['contribution', 'penalty']), amount: Riel }),
    ),
    balance: Riel.describe('what the employer owes after the payment (negative: a credit)'),
  })
  .meta({ id: 'PaymentReceipt' });

export const EmployerStatement = z
  .object({
    employerId: z.number(),
    employerNo: z.string(),
    name: z.string(),
    balance: Riel,
    debts: z.array(
      z.object({
        month: z.string(),
        kind: z.enum(['contribution', 'penalty']),
        owed: Riel,
        paid: Riel,
        outstanding: Riel,
        dueDate: z.string(),
      }),
    ),
    entries: z.array(
      z.object({
        entryId: z.number(),
        kind: z.string(),
        month: z.string().nullable(),
        postedAt: z.string(),
        memo: z.string(),
        amount: Riel.describe('debit (+) or credit (-) to the receivable'),
      }),
    ),
  })
  .meta({ id: 'EmployerStatement' });

// Members.

export const MemberRecord = z
  .object({
    memberId: z.number(),
    person: z
      .object({
        personId: z.number(),
        nameKm: z.string(),
        nameLatin: z.string().nullable(),
        sex: z.string(),
        birthDate: z.string(),
        nationalId: z.string().nullable(),
      })
      .nullable(),
    months: z.array(
      z.object({
        month: z.string(),
        employerId: z.number(),
        employerNo: z.string(),
        wageKhr: Riel,
        contributoryWage: Riel,
        schemes: z.array(z.string()),
      }),
    ),
    totals: z.object({ months: z.number(), byScheme: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'MemberRecord' });

// The fund as a whole.

export const LedgerCheckReport = z
  .object({
    ok: z.boolean(),
    checks: z.array(
      z.object({ name: z.string(), ok: z.boolean(), violations: z.number(), example: z.string().nullable() }),
    ),
    totals: z.object({ receivable: Riel, declared: Riel, penalties: Riel, paid: Riel }),
  })
  .meta({ id: 'LedgerCheckReport' });

export const FundSummary = z
  .object({
    month: z.string(),
    employers: z.number().describe('employers with a current declaration for the month'),
    declarations: z.number().describe('current declarations (amended versions are not counted)'),
    posted: z.number().describe('of which posted to the ledger'),
    lines: z.number(),
    members: z.number().describe('distinct members declared'),
    wageTotal: Riel,
    contributions: z.object({
      employmentInjury: Riel,
      health: Riel,
      pension: Riel,
      selfEmployedHealth: Riel,
      total: Riel,
    }),
    employerShare: Riel,
    workerShare: Riel,
  })
  .meta({ id: 'FundSummary' });

// The audit log.

export const AuditQuery = PageQuery.extend({
  entity: z.string().min(1).max(100).optional().describe('e.g. member, employment, declaration, app_user'),
  entityId: z.string().min(1).max(200).optional(),
});

export const AuditPage = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        entity: z.string(),
        entityId: z.string(),
        before: z.unknown(),
        after: z.unknown(),
      }),
    ),
    nextCursor: z.number().nullable(),
  })
  .meta({ id: 'AuditPage' });
