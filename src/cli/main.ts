/**
 * @module cli/main
 * The `samaki` command line. Commands are thin: they parse flags, call the law, the engine or a
 * service, and print. Errors caused by input print one line that says what to do, with exit
 * code 2; a failing law test exits 1.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT_USAGE, type InputProblem, isSamakiError, type Locale, SamakiError } from '../kernel/errors.js';
import { positiveInt } from './arguments.js';
import { registerAssistanceCommands } from './commands/assistance.js';
import { benchApiCommand } from './commands/bench-api.js';
import { benchBenefitsCommand } from './commands/bench-benefits.js';
import { benchFundCommand } from './commands/bench-fund.js';
import { benchMergeCommand } from './commands/bench-merge.js';
import { benchRulesCommand } from './commands/bench-rules.js';
import { registerCouncilCommands } from './commands/council.js';
import { explainCommand } from './commands/explain.js';
import { registerFundCommands } from './commands/fund.js';
import { lawTestCommand, lawTypesCommand, lawVariablesCommand } from './commands/law.js';
import {
  memberShowCommand,
  memberSplitCommand,
  mergeCommand,
  reviewDecideCommand,
  reviewListCommand,
  reviewShowCommand,
} from './commands/merge.js';
import { paramsCommand } from './commands/params.js';
import { type ServeFlags, serveCommand, type UsersAddFlags, usersAddCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { type SynthFlags, synthCommand } from './commands/synth.js';
import type { Io } from './io.js';

export { nodeIo } from './io.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('samaki')
    .description("Samaki: Cambodia's national social protection system — the law as code and data.")
    .showHelpAfterError('(run `samaki help` for the commands and their options)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .option('--lang <en|km>', 'language of messages and explanations (or SAMAKI_LANG)', 'en')
    .exitOverride();
  const dataOption = () =>
    new Option('--data <dir>', 'folder of the embedded database (ignored when DATABASE_URL is set)').default(
      undefined,
      './samaki-data/pglite',
    );

  program
    .command('start')
    .description('the main job: load the law, evaluate and explain the example cases, store the decisions')
    .addOption(dataOption())
    .option(
      '--registers <dir>',
      'folder of the small synthetic Cambodia whose legacy registers it merges',
      './samaki-data/registers',
    )
    .option('--port <n>', 'port of the API it serves at the end', '8080')
    .option('--no-serve', 'stop after loading, without serving the API')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: { data?: string; registers?: string; json?: boolean; serve: boolean; port: string }) =>
        startCommand(io, opts),
    );

  program
    .command('params')
    .description('dated values of a parameter (or of every parameter under a folder), with references')
    .argument('[name]', 'dotted parameter name, e.g. nssf.pension.contribution_rate.employer')
    .option('--at <YYYY-MM-DD>', 'only the value in force on that date')
    .option('--json', 'print JSON')
    .action((name: string | undefined, opts: { at?: string; json?: boolean }) =>
      paramsCommand(io, name, opts),
    );

  program
    .command('explain')
    .description('compute a variable for one case and explain every step')
    .argument('<variable>', 'variable name, e.g. nssf_pension_contribution')
    .requiredOption('--period <YYYY-MM>', 'the month (or year) to compute')
    .option('--input <name=value>', 'an input value (repeatable), e.g. --input wage=1200000', collect, [])
    .option('--situation <file.json>', 'a situation with several persons, households and employers')
    .option('--json', 'print { variable, period, value, trace }')
    .action(
      (variable: string, opts: { period: string; input: string[]; situation?: string; json?: boolean }) =>
        explainCommand(io, variable, { ...opts, locale: localeOf(['--lang', program.opts().lang], io) }),
    );

  const law = program.command('law').description('the law itself: tests, variables, parameter types');
  law
    .command('test')
    .description('run the YAML law tests on the explain and columnar backends')
    .option('--dir <dir>', 'folder of YAML law tests (default: the law’s own)')
    .option('--json', 'print JSON')
    .action((opts: { dir?: string; json?: boolean }) => setExit(lawTestCommand(io, opts)));
  law
    .command('variables')
    .description('list the variables of the law')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => lawVariablesCommand(io, opts));
  law
    .command('types')
    .description('regenerate src/law/parameters.types.ts from the parameter files')
    .action(() => lawTypesCommand(io));

  registerFundCommands(program, io, setExit, dataOption);
  registerAssistanceCommands(program, io, dataOption);
  registerCouncilCommands(program, io, dataOption);

  program
    .command('merge')
    .description("merge the NSSF, NSSF-C and NFV legacy registers into the fund's member register")
    .requiredOption('--from <dir>', 'folder with nssf/, nssf-c/ and nfv/ (as `samaki synth --out` writes)')
    .addOption(dataOption())
    .option('--by <user>', 'who runs the merge (recorded)', 'samaki')
    .option('--json', 'print the report as one JSON object')
    .action(async (opts: { from: string; data?: string; by: string; json?: boolean }) =>
      mergeCommand(io, opts),
    );

  const review = program
    .command('review')
    .description('the clerical review queue of record pairs the merge could not decide');
  review
    .command('list')
    .description('review items, most likely matches first')
    .addOption(dataOption())
    .option('--status <status>', 'pending, accepted or rejected', 'pending')
    .option('--limit <n>', 'how many to show', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { data?: string; status?: string; limit: string; json?: boolean }) =>
      reviewListCommand(io, opts),
    );
  review
    .command('show')
    .description('a pair with its field-by-field evidence')
    .argument('<id>', 'review item number')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { data?: string; json?: boolean }) => reviewShowCommand(io, id, opts));
  for (const decision of ['accept', 'reject'] as const) {
    review
      .command(decision)
      .description(
        decision === 'accept'
          ? 'the two records are one person: link them'
          : 'the two records are different persons',
      )
      .argument('<id>', 'review item number')
      .addOption(dataOption())
      .requiredOption('--by <user>', 'who decides (recorded with the time)')
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { data?: string; by: string; json?: boolean }) =>
        reviewDecideCommand(io, decision, id, opts),
      );
  }

  const member = program.command('member').description('members of the fund: provenance and insured periods');
  member
    .command('show')
    .description("a member's legacy records and totalised insured periods")
    .argument('<id>', 'member number, or a legacy record as source:record_id')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { data?: string; json?: boolean }) => memberShowCommand(io, id, opts));
  member
    .command('split')
    .description('undo a wrong merge: move the named records to a new member')
    .argument('<id>', 'member number')
    .requiredOption('--records <source:id,...>', 'records that leave the member (repeatable)', collect, [])
    .addOption(dataOption())
    .requiredOption('--by <user>', 'who decides (recorded with the time)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { data?: string; records: string[]; by: string; json?: boolean }) =>
      memberSplitCommand(io, id, opts),
    );

  program
    .command('serve')
    .description("the fund's HTTP API: OpenAPI at /openapi.json, docs at /docs (runs until interrupted)")
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .addOption(dataOption())
    .option('--demo-users', 'first add one demo user per role, with public passwords (never with real data)')
    .action(async (opts: ServeFlags) => serveCommand(io, opts));

  const users = program.command('users').description('users of the HTTP API and their roles');
  users
    .command('add')
    .description(
      'add a user; the password is read from standard input (or --password) and stored as an argon2 hash',
    )
    .requiredOption('--username <name>', 'user name: lower-case letters, digits, "_", "." or "-"')
    .requiredOption(
      '--role <role>',
      'admin | fund_officer | supervisor | employer | member | council_analyst | auditor',
    )
    .option('--employer <id>', 'for role employer: the employer the user acts for')
    .option('--member <id>', 'for role member: their member number')
    .option('--password <password>', 'the password (visible to shell history; prefer standard input)')
    .option('--by <user>', 'who adds the user (recorded)', 'samaki users add')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (opts: UsersAddFlags) => usersAddCommand(io, opts));

  program
    .command('synth')
    .description(
      'generate the synthetic Cambodia (population, work, poverty, legacy registers), report its calibration, load its registry',
    )
    .option(
      '--scale <s>',
      'share of the country to generate: 1 is 17 million persons, 0.01 one percent (default 0.01)',
    )
    .option('--seed <n>', 'seed: the same seed and scale give byte-identical files (default 1)')
    .option('--out <dir>', 'folder to write to (default ./samaki-data/synth)')
    .option('--report', 'print the calibration report against REFERENCE.md')
    .option('--json', 'print one JSON object')
    .option('--load', 'load the registry (households and persons) into the database')
    .addOption(dataOption())
    .option('--replace', 'with --load: replace a registry that is already loaded')
    .action(async (opts: SynthFlags) => synthCommand(io, opts));

  const bench = program.command('bench').description('benchmarks (they print figures; see bench/README.md)');
  bench
    .command('rules')
    .description('all contribution variables for one month: compiled columnar vs hand-written loop vs DuckDB')
    .option('--persons <n>', 'number of synthetic persons', '17000000')
    .option('--runs <n>', 'timed warm runs (the median is reported)', '5')
    .option('--json', 'print one JSON object')
    .action(async (opts: { persons: string; runs: string; json?: boolean }) => benchRulesCommand(io, opts));
  bench
    .command('merge')
    .description(
      'link the legacy registers: Fellegi-Sunter vs the deterministic rule, against the ground truth',
    )
    .option('--scale <s>', 'scale of the generated registers (1 = the whole country)', '1')
    .option('--seed <n>', 'seed of the generated registers', '1')
    .option('--from <dir>', 'use these registers instead of generating them')
    .option('--json', 'print one JSON object')
    .action(async (opts: { scale: string; seed: string; from?: string; json?: boolean }) =>
      benchMergeCommand(io, opts),
    );
  bench
    .command('api')
    .description(
      'concurrent declarations and member look-ups on the API (loopback), vs GET /health; then checks every write',
    )
    .option('--seconds <n>', 'how long to load the API', '10')
    .option('--connections <n>', 'concurrent connections', '16')
    .option('--json', 'print one JSON object')
    .action(async (opts: { seconds: string; connections: string; json?: boolean }) =>
      benchApiCommand(io, opts),
    );
  bench
    .command('fund')
    .description(
      'one month of declarations through the use cases on PostgreSQL (DATABASE_URL) and PGlite, vs plain COPY',
    )
    .option('--workers <n>', 'workers declared (2,600,000 = the private sector)', '2600000')
    .option('--employers <n>', 'employers (default: one per 260 workers)')
    .option('--no-pglite', 'skip the PGlite run')
    .option('--json', 'print one JSON object')
    .action(async (opts: { workers: string; employers?: string; pglite: boolean; json?: boolean }) =>
      benchFundCommand(io, opts),
    );
  bench
    .command('assistance')
    .description(
      're-scoring every household of a synthetic Cambodia by the law (IDPoor), vs a hand-written loop and DuckDB',
    )
    .option('--from <dir>', 'folder written by `samaki synth --out`', './samaki-data/registers')
    .option('--runs <n>', 'timed runs (median)', '5')
    .option('--json', 'print one JSON object')
    .action(async (opts: { from: string; runs: string; json?: boolean }) => {
      const { benchAssistance, formatAssistanceBench } = await import('../bench/bench-assistance.js');
      const r = await benchAssistance({
        from: opts.from,
        runs: positiveInt(opts.runs, '--runs'),
        onProgress: (m) => io.err(m),
      });
      io.out(opts.json ? JSON.stringify(r) : formatAssistanceBench(r));
    });
  bench
    .command('benefits')
    .description(
      'a payment run for every pensioner and open claim, and claim decision throughput, on PostgreSQL (DATABASE_URL), vs plain COPY and a hand-written formula',
    )
    .option('--pensioners <n>', 'pensions in payment', '400000')
    .option('--claims <n>', 'approved one-off claims awaiting payment', '100000')
    .option('--decisions <n>', 'claims decided one by one', '2000')
    .option('--pglite', 'also run on PGlite')
    .option('--json', 'print one JSON object')
    .action(
      async (opts: {
        pensioners: string;
        claims: string;
        decisions: string;
        pglite?: boolean;
        json?: boolean;
      }) => benchBenefitsCommand(io, opts),
    );
  return program;
}

/** Runs the command line; returns the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const locale = localeOf(argv, io);
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every parse error is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (isSamakiError(error)) {
      io.err(`samaki: ${error.localized(locale)}`);
      // Each problem of a refused input (every bad row of a declaration), one per line.
      for (const p of error.problems) io.err(`  ${whereOf(p)}${p.message} [${p.code}]`);
      return EXIT_USAGE;
    }
    io.err(
      `samaki: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

/** Khmer or English for messages: `--lang km` or SAMAKI_LANG=km (English by default). */
export function localeOf(argv: readonly string[], io: Io): Locale {
  const i = argv.indexOf('--lang');
  const value = i >= 0 ? argv[i + 1] : io.env.SAMAKI_LANG;
  return value === 'km' ? 'km' : 'en';
}

export { SamakiError };

/** Where a problem of a refused input is: a spreadsheet cell, a row and column, or a JSON pointer. */
function whereOf(p: InputProblem): string {
  if (p.cell) return `${p.cell}: `;
  if (p.row !== undefined && p.row !== null) return `row ${p.row}${p.column ? `, ${p.column}` : ''}: `;
  return p.pointer ? `${p.pointer}: ` : '';
}
