/**
 * @module api/routes/declaration-routes
 * Monthly declarations: sent as JSON, or uploaded as the XLSX or CSV file employers fill in
 * (the raw file is the request body), listed, shown with the contributions the law computed,
 * and the blank templates. Declaring posts the contributions due to the ledger, so it moves
 * money and needs an `Idempotency-Key`. A file with bad rows is refused whole with a problem
 * per cell (row, column, cell).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeDeclarationTemplate } from '../../fund/declaration-file/declaration-template.js';
import { readDeclarationFile } from '../../fund/declaration-file/read-declaration-file.js';
import { listDeclarations, showDeclaration } from '../../fund/declarations/list-declarations.js';
import { receiveDeclaration } from '../../fund/declarations/receive-declaration.js';
import { SamakiError } from '../../kernel/errors.js';
import { employerNumber } from '../../registry/employer-number.js';
import { userOf } from '../access-control.js';
import { type ApiContext, idempotencyKeyOf, requireIdempotencyKey } from '../api-context.js';
import {
  DeclarationBody,
  DeclarationDetail,
  DeclarationPage,
  DeclarationParams,
  DeclarationReceipt,
  EmployerParams,
  IdempotencyHeaders,
  PageQuery,
  problems,
  UploadQuery,
} from '../schemas.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** What browsers and mail clients also send for spreadsheets; the bytes then tell which it is. */
const GENERIC_TYPES = ['application/octet-stream', 'application/vnd.ms-excel'];
/** A country-wide employer declares tens of thousands of workers; the workbook stays far below this. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

const READERS = ['employer', 'fund_officer', 'supervisor', 'auditor', 'admin'] as const;
const DECLARERS = ['employer', 'fund_officer'] as const;

export const declarationRoutes: FastifyPluginAsyncZod<ApiContext> = async (app, context) => {
  // Uploads arrive as raw bytes; only the routes of this plugin see these parsers.
  app.addContentTypeParser(
    [XLSX_TYPE, CSV_TYPE, ...GENERIC_TYPES],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/employers/:employerId/declarations',
    {
      config: { access: { roles: DECLARERS } },
      preValidation: requireIdempotencyKey,
      schema: {
        tags: ['declarations'],
        summary:
          "Declare a month's wages (JSON); the contributions are computed and posted (Idempotency-Key required)",
        params: EmployerParams,
        headers: IdempotencyHeaders,
        body: DeclarationBody,
        response: { 201: DeclarationReceipt, ...problems(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { month, lines, amends } = request.body;
      const receipt = await receiveDeclaration(
        context.database,
        {
          employerId: request.params.employerId,
          month,
          lines,
          source: 'api',
          ...(amends === undefined ? {} : { amends }),
          idempotencyKey: idempotencyKeyOf(request),
        },
        { actor: userOf(request).username, today: context.today(), post: true },
      );
      return reply.code(201).send(receipt);
    },
  );

  app.post(
    '/employers/:employerId/declarations/upload',
    {
      config: { access: { roles: DECLARERS } },
      preValidation: requireIdempotencyKey,
      schema: {
        tags: ['declarations'],
        summary:
          'Declare a month by uploading the filled-in template (XLSX or CSV) as the request body (Idempotency-Key required)',
        consumes: [XLSX_TYPE, CSV_TYPE],
        params: EmployerParams,
        querystring: UploadQuery,
        headers: IdempotencyHeaders,
        response: { 201: DeclarationReceipt, ...problems(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { employerId } = request.params;
      const { month, amends } = request.query;
      const bytes = request.body;
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (!Buffer.isBuffer(bytes))
        throw new SamakiError('upload_unsupported', { type: contentType || '(none)', employer: employerId });
      const format = formatOf(contentType, bytes);
      const file = await readDeclarationFile(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        format,
      );
      if (!file.ok)
        throw new SamakiError(
          'declaration_invalid',
          {
            employerNo: employerNumber(employerId),
            month,
            count: file.problems.length,
            first: file.problems[0]?.message ?? '',
          },
          { problems: file.problems },
        );
      const receipt = await receiveDeclaration(
        context.database,
        {
          employerId,
          month,
          lines: file.lines.map((l) => ({
            memberId: Number(l.memberNo),
            wageKhr: l.wageKhr,
            wageUsdCents: l.wageUsdCents,
            daysWorked: l.daysWorked,
            employmentKind: l.employmentKind,
            row: l.row,
          })),
          fileColumns: file.columns,
          source: format,
          ...(amends === undefined ? {} : { amends }),
          idempotencyKey: idempotencyKeyOf(request),
        },
        { actor: userOf(request).username, today: context.today(), post: true },
      );
      return reply.code(201).send(receipt);
    },
  );

  for (const format of ['xlsx', 'csv'] as const) {
    app.get(
      `/employers/:employerId/declarations/template.${format}`,
      {
        config: { access: { roles: READERS } },
        schema: {
          tags: ['declarations'],
          summary: `The blank declaration template (${format.toUpperCase()})`,
          params: EmployerParams,
          response: {
            200: {
              description: `the template, as a ${format.toUpperCase()} file`,
              content: { [format === 'xlsx' ? XLSX_TYPE : CSV_TYPE]: { schema: z.any() } },
            },
            ...problems(400),
          },
        },
      },
      async (_request, reply) => {
        const template = await writeDeclarationTemplate(format);
        return reply
          .type(format === 'xlsx' ? XLSX_TYPE : `${CSV_TYPE}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="declaration-template.${format}"`)
          .send(Buffer.from(template));
      },
    );
  }

  app.get(
    '/employers/:employerId/declarations',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['declarations'],
        summary: "The employer's declarations, newest first",
        params: EmployerParams,
        querystring: PageQuery,
        response: { 200: DeclarationPage, ...problems(400, 404) },
      },
    },
    async (request) => listDeclarations(context.database, request.params.employerId, request.query),
  );

  app.get(
    '/employers/:employerId/declarations/:declarationId',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['declarations'],
        summary: 'One declaration with its lines and the contributions the law computed',
        params: DeclarationParams,
        response: { 200: DeclarationDetail, ...problems(400, 404) },
      },
    },
    async (request) =>
      showDeclaration(context.database, request.params.employerId, request.params.declarationId),
  );
};

/** The declared type, or for a generic one the bytes: an XLSX workbook is a zip (`PK\x03\x04`). */
function formatOf(contentType: string, bytes: Buffer): 'xlsx' | 'csv' {
  if (contentType === XLSX_TYPE) return 'xlsx';
  if (contentType === CSV_TYPE) return 'csv';
  return bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ? 'xlsx' : 'csv';
}
