/**
 * @module cli/commands/start
 * `samaki start`: the main job, the first of the README's two commands. Today it opens the
 * database (embedded PGlite in --data, or DATABASE_URL), brings its schema up to date, loads the
 * law and records its version, evaluates the example cases shipped with the law, prints their
 * explanations, stores every decision with its trace, law version and parameter hash, and says
 * where the data lives. Later parts of Samaki extend this same command.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { migrateToLatest } from '../../db/migrate.js';
import { type Database, openDatabase, resolveDatabaseOptions } from '../../db/open-database.js';
import {
  type EvaluatedCaseInput,
  recordEvaluatedCases,
  recordLawVersion,
} from '../../db/record-evaluated-cases.js';
import type { JsonObject, JsonValue } from '../../db/schema.js';
import {
  fileSampleClaims,
  SAMPLE_EMPLOYER_NAME,
  type SampleClaimsSummary,
} from '../../fund/benefits/file-sample-claims.js';
import { checkLedger } from '../../fund/ledger/check-ledger.js';
import { formatRiel } from '../../kernel/money.js';
import { parsePeriod } from '../../kernel/period.js';
import { cambodiaLaw, EXAMPLES_DIR, PARAMETERS_DIR } from '../../law/law.js';
import { type MergeResult, mergeRegisters } from '../../merger/merge-registers.js';
import { explain } from '../../rules/backends/explain.js';
import { formatValue, renderTrace } from '../../rules/render-trace.js';
import { parseSituation } from '../../rules/situation/situation.js';
import { generateSynth, MANIFEST_FILE } from '../../synth/generate.js';
import type { Io } from '../io.js';
import { today } from '../today.js';
import { loadAndDeclare } from './fund.js';
import { DEFAULT_PORT, serveCommand } from './serve.js';

type Example = {
  name: string;
  description?: string;
  period: string;
  variables: string[];
  situation: unknown;
};

/** Where `samaki start` writes its small synthetic Cambodia (scale 0.001, seed 1). */
export const START_REGISTERS_DIR = './samaki-data/registers';
const START_SCALE = 0.001;

export async function startCommand(
  io: Io,
  options: { data?: string; json?: boolean; registers?: string; serve?: boolean; port?: string },
): Promise<void> {
  const law = cambodiaLaw();
  io.err(
    `Loaded the law ${law.version}: ${law.variables.size} variables, ${law.parameters.parameters.size} parameters.`,
  );
  const database = await openDatabase(resolveDatabaseOptions(options.data));
  try {
    const applied = await migrateToLatest(database.db);
    io.err(
      `Database (${database.kind}) at ${database.location}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}.`,
    );
    await recordLawVersion(database.db, {
      version: law.version,
      fingerprint: law.fingerprint,
      variables: law.variables.size,
      parameters: law.parameters.parameters.size,
    });

    const files = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const cases: EvaluatedCaseInput[] = [];
    const summary: { example: string; period: string; values: Record<string, JsonValue> }[] = [];
    for (const file of files) {
      const example = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Example;
      const situation = parseSituation(law, example.situation, file);
      const period = parsePeriod(example.period);
      const caseKey = `example:${basename(file, '.json')}`;
      if (!options.json) {
        io.out(`\n■ ${example.name} (${example.period})`);
        if (example.description) io.out(`  ${example.description}`);
      }
      const values: Record<string, JsonValue> = {};
      example.variables.forEach((variable, i) => {
        const result = explain(law, situation, variable, period);
        for (const r of result.results) {
          values[result.results.length === 1 ? variable : `${variable}[${r.key}]`] = r.value;
          cases.push({
            caseKey,
            variable,
            period: result.period,
            entity: result.entity,
            entityKey: r.key,
            value: r.value,
            inputs: example.situation as JsonObject,
            trace: r.trace as unknown as JsonValue,
            lawVersion: result.lawVersion,
            parameterHash: result.parameterHash,
          });
          if (options.json) continue;
          if (i === 0) {
            io.out(renderTrace(r.trace).replace(/^/gm, '  '));
          } else {
            io.out(
              `  ${variable}${result.results.length > 1 ? ` [${r.key}]` : ''} = ${formatValue(r.value, r.trace.unit)}`,
            );
          }
        }
      });
      summary.push({ example: caseKey, period: example.period, values });
    }
    const stored = await recordEvaluatedCases(database.db, 'samaki start', cases);
    const registers = resolve(io.cwd, options.registers ?? START_REGISTERS_DIR);
    const merge = await mergeSyntheticRegisters(io, database, registers);
    const { benefits, ...fund } = await loadSyntheticFund(io, database, registers, () =>
      fileSampleClaims(database, {
        today: today(io),
        paymentsDir: resolve(io.cwd, START_PAYMENTS_DIR),
        progress: (m) => io.err(m),
      }),
    );
    if (options.json) {
      io.out(
        JSON.stringify(
          {
            law_version: law.version,
            law_fingerprint: law.fingerprint,
            database: { kind: database.kind, location: database.location },
            examples: summary,
            stored,
            merge,
            fund,
            benefits,
          },
          null,
          2,
        ),
      );
      return;
    }
    io.out('');
    io.out(
      `Stored ${stored.inserted} new decisions (${stored.existing} already recorded), each with its trace, law version and parameter hash.`,
    );
    io.out(
      `Merged the synthetic legacy registers (run ${merge.run_id}${merge.unchanged ? ', already merged: nothing changed' : ''}): ${merge.records.toLocaleString('en')} records of NSSF, NSSF-C and NFV became ${merge.persons.toLocaleString('en')} members; ${merge.review} pair(s) await clerical review; ${merge.rejected_rows} row(s) were rejected with their reasons; F1 against the ground truth ${merge.f1 ?? 'n/a'}.`,
    );
    io.out(
      fund.loaded
        ? `Loaded the fund's contributors from the synthetic Cambodia: ${fund.employers.toLocaleString('en')} employers (the register now holds ${fund.members.toLocaleString('en')} members); posted ${fund.declarations.toLocaleString('en')} declarations (${fund.lines.toLocaleString('en')} lines) for ${START_FUND_MONTHS.join('..')}.`
        : `The fund already holds its contributors (${fund.employers.toLocaleString('en')} employers, ${fund.declarations.toLocaleString('en')} declarations): nothing loaded again.`,
    );
    io.out(
      `Ledger check: ${fund.ledgerOk ? 'every invariant holds' : 'FAILED (run samaki fund check)'}; contributions declared ${formatRiel(fund.declared)}, receivable ${formatRiel(fund.receivable)}.`,
    );
    for (const line of benefitLines(benefits)) io.out(line);
    io.out('Where the data lives:');
    io.out(`  database (${database.kind}): ${database.location}`);
    io.out(
      `  synthetic Cambodia and its legacy registers: ${resolve(io.cwd, options.registers ?? START_REGISTERS_DIR)}`,
    );
    io.out(`  law parameters (YAML, with legal references): ${PARAMETERS_DIR}`);
    io.out(`  bank payment and return files: ${resolve(io.cwd, START_PAYMENTS_DIR)}`);
    io.out(
      'Next: `samaki explain <variable> --period YYYY-MM --input wage=1200000`, `samaki params nssf`, `samaki review list`, `samaki member show 1`, `samaki fund pay 2026-03 --out pay.csv`, `samaki synth --report`.',
    );
  } finally {
    await database.close();
  }
  // Last, the API over the same database, with one demo user per role, until interrupted.
  if (options.serve !== false)
    await serveCommand(io, {
      data: options.data,
      port: options.port ?? String(DEFAULT_PORT),
      demoUsers: true,
    });
}

/** Where `samaki start` writes the sample payment runs' bank files. */
export const START_PAYMENTS_DIR = './samaki-data/payments';

/** What the sample claims came to, for the main job's report. */
function benefitLines(b: SampleClaimsSummary): string[] {
  const lines: string[] = [];
  if (!b.filed)
    lines.push('Sample benefit claims: already filed and paid by an earlier start; nothing filed again.');
  else {
    lines.push(
      `Sample benefit claims (${SAMPLE_EMPLOYER_NAME}), decided by the law from the insurance record:`,
    );
    for (const c of b.claims) {
      const amount =
        typeof c.amount === 'number'
          ? `${formatRiel(c.amount)} riel`
          : c.amount === null
            ? '—'
            : String(c.amount);
      lines.push(
        `  ${c.branch.padEnd(18)} ${c.variable.padEnd(38)} ${amount.padStart(16)}  ${c.status}${c.reason ? `: ${c.reason}` : ''}`,
      );
    }
    for (const r of b.runs)
      lines.push(
        `  payment run ${r.runId} (${r.month}): ${r.instructions} instructions, ${formatRiel(r.amount)} riel → ${r.file}`,
      );
    if (b.reconciliation)
      lines.push(
        `  bank return: ${b.reconciliation.paid} paid (${formatRiel(b.reconciliation.paidAmount)} riel), ${b.reconciliation.failed} failed and instructed again the next month`,
      );
  }
  lines.push(
    `Benefit ledger: ${b.ledgerOk ? 'every invariant holds' : 'FAILED (run samaki fund check)'}; due ${formatRiel(b.benefitsDue)}, paid ${formatRiel(b.benefitsPaid)}, payable ${formatRiel(b.benefitsDue - b.benefitsPaid)} riel.`,
  );
  return lines;
}

/** The months `samaki start` declares for the synthetic employers (the generator ends in 2025-12). */
export const START_FUND_MONTHS = ['2025-10', '2025-12'] as const;

/**
 * The fund part of the main job: the synthetic Cambodia's registered employers and their workers,
 * with their declarations for the last three months posted. Loaded once: a second start finds the
 * employers and leaves them.
 */
async function loadSyntheticFund(
  io: Io,
  database: Database,
  dir: string,
  thenBenefits: () => Promise<SampleClaimsSummary>,
) {
  const existing = await database.db
    .selectFrom('employer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let loaded = false;
  if (Number(existing.n) === 0) {
    await loadAndDeclare(database, dir, START_FUND_MONTHS[0], START_FUND_MONTHS[1], {
      actor: 'samaki start',
      post: true,
      today: today(io),
      progress: (m) => io.err(m),
    });
    loaded = true;
  }
  // The sample claims' employer is counted with the fund's, on the first start as on later ones.
  const benefits = await thenBenefits();
  const counts = async (table: 'employer' | 'member' | 'declaration' | 'declaration_line') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const check = await checkLedger(database);
  return {
    loaded,
    employers: await counts('employer'),
    members: await counts('member'),
    declarations: await counts('declaration'),
    lines: await counts('declaration_line'),
    ledgerOk: check.ok,
    declared: check.totals.declared,
    receivable: check.totals.receivable,
    benefits,
  };
}

/**
 * The merger part of the main job: a small synthetic Cambodia (generated once, then reused) whose
 * three legacy registers are merged into the member register. A second start merges the same
 * files again, which changes nothing.
 */
async function mergeSyntheticRegisters(io: Io, database: Database, dir: string): Promise<MergeResult> {
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    io.err(`Generating a synthetic Cambodia at scale ${START_SCALE} (seed 1) into ${dir} …`);
    await generateSynth({ seed: 1, scale: START_SCALE, out: dir });
  }
  return mergeRegisters(database, dir, { actor: 'samaki start', onProgress: (m) => io.err(m) });
}
