/**
 * @module cli/commands/fund
 * `samaki fund …`: the fund's contribution operations from the command line: registering
 * employers and workers, declarations (JSON, XLSX or CSV files), the monthly posting run,
 * payments, penalties, statements, members' records, the ledger check, and loading the
 * contributors of a synthetic Cambodia. Thin: parse, call the same use cases as the API, print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command, Option } from 'commander';
import type { Database } from '../../db/open-database.js';
import { EMPLOYER_KINDS, EMPLOYMENT_KINDS, type EmployerKind, type EmploymentKind } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { writeDeclarationTemplate } from '../../fund/declaration-file/declaration-template.js';
import { readDeclarationFile } from '../../fund/declaration-file/read-declaration-file.js';
import {
  type DeclarationLineInput,
  receiveDeclaration,
} from '../../fund/declarations/receive-declaration.js';
import { assessPenalties } from '../../fund/ledger/assess-penalties.js';
import { checkLedger } from '../../fund/ledger/check-ledger.js';
import { employerStatement } from '../../fund/ledger/employer-statement.js';
import { loadSyntheticContributors, syntheticDeclarations } from '../../fund/load-synthetic-contributors.js';
import { memberRecord } from '../../fund/member-record.js';
import { recordPayment } from '../../fund/payments/record-payment.js';
import { runMonth } from '../../fund/run-month.js';
import { SamakiError } from '../../kernel/errors.js';
import { formatRiel } from '../../kernel/money.js';
import { shiftMonth } from '../../kernel/period.js';
import { employerIdOf } from '../../registry/employer-number.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { monthArg as month, positiveInt, usage } from '../arguments.js';
import type { Io } from '../io.js';
import { today } from '../today.js';
import { withDatabase } from '../with-database.js';
import { registerBenefitCommands } from './fund-benefits.js';

/** An employer given as its number (E0000123) or its identifier. */
function employerArg(value: string): number {
  if (/^[0-9]+$/.test(value)) return Number(value);
  const id = employerIdOf(value);
  if (id === null)
    throw usage(`"${value}" is not an employer number (E, 6 digits and a check digit) or identifier`);
  return id;
}

/** Lines of a declaration file: JSON ({lines:[…]} or […]), XLSX or CSV in the published template. */
async function readLines(path: string): Promise<{
  lines: DeclarationLineInput[];
  source: 'api' | 'xlsx' | 'csv';
  fileColumns?: Partial<Record<string, string>>;
}> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw usage(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw usage(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    const lines = Array.isArray(parsed) ? parsed : (parsed as { lines?: unknown }).lines;
    if (!Array.isArray(lines)) throw usage(`${path}: expected {"lines": [{"memberId": …, "wageKhr": …}, …]}`);
    return { lines: lines as DeclarationLineInput[], source: 'api' };
  }
  if (ext !== '.xlsx' && ext !== '.csv') throw usage(`${path}: a declaration file is .xlsx, .csv or .json`);
  const format = ext === '.xlsx' ? 'xlsx' : 'csv';
  const result = await readDeclarationFile(new Uint8Array(bytes), format);
  if (!result.ok)
    throw new SamakiError(
      'declaration_invalid',
      {
        employerNo: '(file)',
        month: '',
        count: result.problems.length,
        first: result.problems[0]?.message ?? '',
      },
      { problems: result.problems },
    );
  return {
    lines: result.lines.map((l) => ({
      memberId: Number(l.memberNo),
      wageKhr: l.wageKhr,
      wageUsdCents: l.wageUsdCents,
      daysWorked: l.daysWorked,
      employmentKind: l.employmentKind,
      row: l.row,
    })),
    source: format,
    fileColumns: result.columns,
  };
}

export function registerFundCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  dataOption: () => Option,
): void {
  const fund = program
    .command('fund')
    .description("the fund's contributions: employers, workers, declarations, ledger");
  const print = (json: boolean | undefined, value: unknown, text: () => string) =>
    io.out(json ? JSON.stringify(value) : text());

  fund
    .command('register-employer')
    .description(
      'register an employer (enterprise, public institution, household, value-chain lead, self-employed)',
    )
    .requiredOption('--kind <kind>', EMPLOYER_KINDS.join(' | '))
    .requiredOption('--name <name>', 'name of the employer')
    .requiredOption('--sector <sector>', 'sector, e.g. garment, construction, tourism, households')
    .requiredOption('--started-on <date>', 'when operations (or the work) began, YYYY-MM-DD')
    .option('--registered-on <date>', 'date of registration (default today)')
    .option('--province <code>', 'province code 1-25')
    .option('--lead <employer>', 'the value-chain lead this employer works for')
    .option('--business-no <no>', 'Ministry of Commerce registration number')
    .option('--by <user>', 'who registers (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: Record<string, string | undefined> & { json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) =>
        registerEmployer(
          db,
          {
            kind: o.kind as EmployerKind,
            name: o.name!,
            sector: o.sector!,
            startedOn: o.startedOn!,
            ...(o.registeredOn ? { registeredOn: o.registeredOn } : {}),
            province: o.province ? positiveInt(o.province, '--province') : null,
            leadEmployerId: o.lead ? employerArg(o.lead) : null,
            businessNo: o.businessNo ?? null,
          },
          { actor: o.by!, today: today(io) },
        ),
      );
      print(
        o.json,
        r,
        () =>
          `Registered employer ${r.employerNo} (${r.kind}) ${r.name}; deadline ${r.registrationDeadline}${r.lateRegistration ? ' — registered LATE' : ''}.`,
      );
    });

  fund
    .command('register-worker')
    .description('register a worker with an employer (an existing member, or a new person)')
    .requiredOption('--employer <employer>', 'employer number or identifier')
    .requiredOption('--start-date <date>', 'first day of work, YYYY-MM-DD')
    .option('--member <id>', 'an existing member number')
    .option('--family-name-km <name>', 'family name in Khmer (new person)')
    .option('--given-name-km <name>', 'given name in Khmer (new person)')
    .option('--name-latin <name>', 'name in Latin letters (new person)')
    .option('--sex <M|F>', 'sex (new person)')
    .option('--birth-date <date>', 'date of birth (new person)')
    .option('--national-id <digits>', 'ID card number, 9 digits (new person)')
    .option('--province <code>', 'province code 1-25 (new person)')
    .option('--kind <kind>', EMPLOYMENT_KINDS.join(' | '), 'wage')
    .option('--via <employer>', 'for a subcontracted worker: the subcontractor')
    .option('--registered-on <date>', 'date of registration (default today)')
    .option('--by <user>', 'who registers (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: Record<string, string | undefined> & { json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) =>
        registerWorker(
          db,
          {
            employerId: employerArg(o.employer!),
            ...(o.member
              ? { memberId: positiveInt(o.member, '--member') }
              : {
                  person: {
                    familyNameKm: o.familyNameKm ?? '',
                    givenNameKm: o.givenNameKm ?? '',
                    nameLatin: o.nameLatin ?? null,
                    sex: o.sex as 'M' | 'F',
                    birthDate: o.birthDate ?? '',
                    nationalId: o.nationalId ?? null,
                    province: Number(o.province ?? 0),
                  },
                }),
            kind: o.kind as EmploymentKind,
            viaEmployerId: o.via ? employerArg(o.via) : null,
            startDate: o.startDate!,
            ...(o.registeredOn ? { registeredOn: o.registeredOn } : {}),
          },
          { actor: o.by!, today: today(io) },
        ),
      );
      print(
        o.json,
        r,
        () =>
          `Member ${r.memberId}${r.newMember ? ' (new)' : ''} registered as employment ${r.employmentId}; deadline ${r.registrationDeadline}${r.lateRegistration ? ' — registered LATE' : ''}.`,
      );
    });

  fund
    .command('declare')
    .description(
      "receive an employer's monthly declaration from a file (.xlsx or .csv in the template, or .json)",
    )
    .requiredOption('--employer <employer>', 'employer number or identifier')
    .requiredOption('--month <YYYY-MM>', 'the month declared')
    .requiredOption('--file <path>', 'the declaration')
    .option('--amends <declaration>', 'amend this declaration (the current version of the month)')
    .option('--post', 'post it now rather than in the monthly run')
    .option('--key <key>', 'idempotency key')
    .option('--by <user>', 'who receives it (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: Record<string, string | undefined> & { json?: boolean; post?: boolean }) => {
      const { lines, source, fileColumns } = await readLines(resolve(io.cwd, o.file!));
      const r = await withDatabase(io, o.data, (db) =>
        receiveDeclaration(
          db,
          {
            employerId: employerArg(o.employer!),
            month: month(o.month!),
            lines,
            source,
            ...(fileColumns ? { fileColumns } : {}),
            ...(o.amends ? { amends: positiveInt(o.amends, '--amends') } : {}),
            ...(o.key ? { idempotencyKey: o.key } : {}),
          },
          { actor: o.by!, today: today(io), post: Boolean(o.post) },
        ),
      );
      print(
        o.json,
        r,
        () =>
          `Declaration ${r.declarationId} (version ${r.version}) of ${r.employerNo} for ${r.month}: ${r.lines} lines, wages ${formatRiel(r.wageTotal)}, contributions ${formatRiel(r.total)} (employer ${formatRiel(r.employerTotal)}, workers ${formatRiel(r.workerTotal)}); ${r.status}. Law ${r.lawVersion}, parameters ${r.parameterHash.slice(0, 12)}.`,
      );
    });

  fund
    .command('template')
    .description('write the empty declaration template employers fill in')
    .option('--format <xlsx|csv>', 'file format', 'xlsx')
    .requiredOption('--out <path>', 'where to write it')
    .action(async (o: { format: string; out: string }) => {
      if (o.format !== 'xlsx' && o.format !== 'csv') throw usage('--format must be xlsx or csv');
      writeFileSync(resolve(io.cwd, o.out), await writeDeclarationTemplate(o.format));
      io.out(`Wrote the declaration template to ${o.out}.`);
    });

  fund
    .command('run-month')
    .description('post every declaration received for the month, one transaction per employer (resumable)')
    .argument('<month>', 'YYYY-MM')
    .option('--by <user>', 'who runs it (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (m: string, o: { by: string; data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) =>
        runMonth(db, month(m), {
          actor: o.by,
          onProgress: (done, total) => {
            if (done === total || done % 100 === 0 || io.env.SAMAKI_PROGRESS_EVERY === '1')
              io.err(`posted ${done} of ${total} employers`);
          },
        }),
      );
      print(
        o.json,
        r,
        () =>
          `Month ${r.month}: posted ${r.declarations} declarations (${r.lines} lines) of ${r.employers} employers in ${r.seconds.toFixed(1)} s; ${r.alreadyPosted} were already posted; ${r.affiliationsEnded} self-employed affiliations ended.`,
      );
    });

  fund
    .command('receive')
    .description('record a payment received from an employer; it pays the oldest debts first')
    .requiredOption('--employer <employer>', 'employer number or identifier')
    .requiredOption('--amount <riel>', 'amount in riel')
    .requiredOption('--date <YYYY-MM-DD>', 'date received')
    .requiredOption('--reference <ref>', "the bank's reference")
    .option('--key <key>', 'idempotency key (default: the bank reference)')
    .option('--by <user>', 'who records it (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: Record<string, string | undefined> & { json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) =>
        recordPayment(
          db,
          {
            employerId: employerArg(o.employer!),
            amount: positiveInt(o.amount!, '--amount'),
            receivedOn: o.date!,
            reference: o.reference!,
            idempotencyKey: o.key ?? `bank:${o.reference}`,
          },
          { actor: o.by!, today: today(io) },
        ),
      );
      print(
        o.json,
        r,
        () =>
          `Payment ${r.paymentId}: ${formatRiel(r.amount)} → ${r.allocations.map((a) => `${a.month} ${a.kind} ${formatRiel(a.amount)}`).join(', ') || 'nothing owed yet (credit)'}; balance ${formatRiel(r.balance)}.`,
      );
    });

  fund
    .command('penalties')
    .description('charge the late-payment surcharge on contributions unpaid after their due date')
    .requiredOption('--as-of <YYYY-MM-DD>', 'the date to assess at')
    .option('--by <user>', 'who runs it (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: { asOf: string; by: string; data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) => assessPenalties(db, { asOf: o.asOf, actor: o.by }));
      print(
        o.json,
        r,
        () =>
          `Penalties as of ${r.asOf}: ${r.charges} charges on ${r.employers} employers, ${formatRiel(r.amount)}.`,
      );
    });

  fund
    .command('statement')
    .description('what an employer owes and has paid, month by month')
    .argument('<employer>', 'employer number or identifier')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (e: string, o: { data?: string; json?: boolean }) => {
      const s = await withDatabase(io, o.data, (db) => employerStatement(db, employerArg(e)));
      print(o.json, s, () =>
        [
          `${s.employerNo} ${s.name}: balance ${formatRiel(s.balance)}`,
          ...s.debts.map(
            (d) =>
              `  ${d.month} ${d.kind.padEnd(12)} owed ${formatRiel(d.owed).padStart(14)}  paid ${formatRiel(d.paid).padStart(14)}  outstanding ${formatRiel(d.outstanding).padStart(14)}  due ${d.dueDate}`,
          ),
        ].join('\n'),
      );
    });

  fund
    .command('record')
    .description("a member's insurance record: months of contribution per scheme, with wages")
    .argument('<member>', 'member number')
    .option('--by <user>', 'who looks (recorded in the audit log)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (m: string, o: { by: string; data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, async (db) => {
        const record = await memberRecord(db, positiveInt(m, 'the member'));
        await writeAudit(db.db, { actor: o.by, action: 'view', entity: 'member', entityId: record.memberId });
        return record;
      });
      print(o.json, r, () =>
        [
          `Member ${r.memberId}${r.person ? ` ${r.person.nameKm}${r.person.nameLatin ? ` / ${r.person.nameLatin}` : ''}` : ''}: ${r.totals.months} months (${Object.entries(
            r.totals.byScheme,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`,
          ...r.months.map(
            (x) => `  ${x.month} ${x.employerNo} wage ${formatRiel(x.wageKhr)} ${x.schemes.join(', ')}`,
          ),
        ].join('\n'),
      );
    });

  fund
    .command('check')
    .description("check the ledger's invariants over the whole fund (exit 1 if any fails)")
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (o: { data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) => checkLedger(db));
      print(o.json, r, () =>
        [
          ...r.checks.map(
            (c) =>
              `${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok ? '' : ` — ${c.violations} violation(s), e.g. ${c.example}`}`,
          ),
          `receivable ${formatRiel(r.totals.receivable)} = declared ${formatRiel(r.totals.declared)} + penalties ${formatRiel(r.totals.penalties)} - paid ${formatRiel(r.totals.paid)}`,
        ].join('\n'),
      );
      if (!r.ok) setExit(1);
    });

  fund
    .command('exchange-rate')
    .description("record the month's NBC exchange rate, for wages paid in US dollars")
    .argument('<month>', 'YYYY-MM')
    .argument('<riel>', 'riel per US dollar')
    .requiredOption('--reference <text>', 'the NBC notification it comes from')
    .option('--by <user>', 'who records it', 'samaki')
    .addOption(dataOption())
    .action(async (m: string, riel: string, o: { reference: string; by: string; data?: string }) => {
      const rate = positiveInt(riel, 'the rate');
      await withDatabase(io, o.data, (db) =>
        db.db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom('exchange_rate')
            .selectAll()
            .where('month', '=', month(m))
            .executeTakeFirst();
          await trx
            .insertInto('exchange_rate')
            .values({ month: m, riel_per_usd: rate, reference: o.reference })
            .onConflict((oc) =>
              oc.column('month').doUpdateSet({ riel_per_usd: rate, reference: o.reference }),
            )
            .execute();
          await writeAudit(trx, {
            actor: o.by,
            action: 'set',
            entity: 'exchange_rate',
            entityId: m,
            before: before ?? null,
            after: { riel_per_usd: rate, reference: o.reference },
          });
        }),
      );
      io.out(`Exchange rate for ${m}: ${rate} riel per US dollar.`);
    });

  registerBenefitCommands(fund, io, dataOption, print);

  fund
    .command('load-synth')
    .description('load the registered employers and workers of a synthetic Cambodia, and declare its months')
    .requiredOption('--from <dir>', 'folder written by `samaki synth --out`')
    .option('--months <from..to>', 'months to load and declare', '2025-10..2025-12')
    .option('--no-post', 'receive the declarations but leave them for `samaki fund run-month`')
    .option('--by <user>', 'who loads (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        from: string;
        months: string;
        post: boolean;
        by: string;
        data?: string;
        json?: boolean;
      }) => {
        const m = /^([0-9]{4}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2})$/.exec(o.months);
        if (!m) throw usage(`--months must be FROM..TO, e.g. 2025-10..2025-12 (got "${o.months}")`);
        const dir = resolve(io.cwd, o.from);
        const report = await withDatabase(io, o.data, (db) =>
          loadAndDeclare(db, dir, month(m[1]!), month(m[2]!), {
            actor: o.by,
            post: o.post,
            today: today(io),
            progress: (s) => io.err(s),
          }),
        );
        print(
          o.json,
          report,
          () =>
            `Loaded ${report.employers} employers, ${report.members} members, ${report.employments} employments; declared ${report.declarations} declarations (${report.lines} lines)${o.post ? ' and posted them' : ''}.`,
        );
      },
    );
}

/** Loads the synthetic contributors, then receives (and posts) each month's declarations. */
export async function loadAndDeclare(
  database: Database,
  dir: string,
  fromMonth: string,
  toMonth: string,
  options: { actor: string; post: boolean; today: string; progress: (message: string) => void },
): Promise<{ employers: number; members: number; employments: number; declarations: number; lines: number }> {
  const loaded = await loadSyntheticContributors(database, dir, {
    fromMonth,
    toMonth,
    actor: options.actor,
    onProgress: options.progress,
  });
  let declarations = 0;
  let lines = 0;
  for (let m = fromMonth; m <= toMonth; m = shiftMonth(m, 1)) {
    const list = await syntheticDeclarations(database, dir, m);
    options.progress(`declaring ${m}: ${list.length} employers`);
    for (const d of list) {
      await receiveDeclaration(
        database,
        { ...d, source: 'batch' },
        { actor: options.actor, today: options.today, post: false },
      );
      declarations++;
      lines += d.lines.length;
    }
    if (options.post) await runMonth(database, m, { actor: options.actor });
  }
  return { ...loaded, declarations, lines };
}
