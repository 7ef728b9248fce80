/**
 * @module cli/main.test
 * The command line, run in-process: output shapes, exit codes, and one-line errors that say
 * what to do (never a stack trace).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from './io.js';
import { runCli } from './main.js';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const tmp = mkdtempSync(join(tmpdir(), 'samaki-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('samaki explain', () => {
  it('--json prints variable, period, value and trace', async () => {
    const r = await run(
      'explain',
      'nssf_pension_contribution',
      '--period',
      '2024-05',
      '--input',
      'wage=1500000',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ variable: 'nssf_pension_contribution', period: '2024-05', value: 48000 });
    expect(json.trace.formula.start).toBe('2022-10-01');
    expect(json.trace.dependencies.map((d: { variable: string }) => d.variable)).toEqual([
      'nssf_pension_contribution_employer',
      'nssf_pension_contribution_worker',
    ]);
    const employer = json.trace.dependencies[0];
    expect(employer.parameters.map((p: { name: string }) => p.name)).toContain(
      'nssf.pension.contribution_rate.employer',
    );
    expect(employer.parameters[0].reference).toMatch(/Sub-decree 32/);
  });

  it('the text form shows the tree with parameters and their references', async () => {
    const r = await run(
      'explain',
      'nssf_health_contribution_employer',
      '--period',
      '2017-06',
      '--input',
      'wage=1500000',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('nssf_health_contribution_employer = 13,000 riel');
    expect(r.out).toContain('contributory_wage = 1,000,000 riel');
    expect(r.out).toMatch(/nssf\.health\.contribution_rate\.employer = 0\.013 \(from 2016-03-17/);
  });

  it('--situation with several persons gives values by key', async () => {
    const file = join(tmp, 'situation.json');
    writeFileSync(
      file,
      JSON.stringify({
        persons: { a: { age: 3 }, b: { age: 67, wage: 0 }, c: { wage: 1000000 } },
        households: { h: { members: ['a', 'b'], area: 'urban' } },
      }),
    );
    const persons = JSON.parse(
      (await run('explain', 'nssf_total_contribution', '--period', '2024-05', '--situation', file, '--json'))
        .out,
    );
    expect(persons.values).toEqual({ a: 0, b: 0, c: 73150 });
    const household = JSON.parse(
      (await run('explain', 'household_size', '--period', '2024-05', '--situation', file, '--json')).out,
    );
    expect(household.value).toBe(2);
  });

  it.each([
    [
      ['explain', 'nssf_pension_contributio', '--period', '2024-05'],
      /no variable named "nssf_pension_contributio".*Did you mean nssf_pension_contribution/,
    ],
    [['explain', 'wage', '--period', '2024-5'], /"2024-5" is not a period/],
    [['explain', 'wage', '--period', '2024-05', '--input', 'wage=abc'], /wage="abc" is not a number/],
    [['explain', 'wage', '--period', '2024-05', '--input', 'wage=-1'], /wage=-1 is negative/],
    [['explain', 'wage', '--period', '2024-05', '--input', 'wage'], /not of the form name=value/],
    [
      ['explain', 'wage', '--period', '2024', '--input', 'wage=1'],
      /defined per month; give a period like 2024-05/,
    ],
    [
      ['explain', 'wage', '--period', '2024-05', '--situation', '/nonexistent.json'],
      /Cannot read the situation file/,
    ],
    [['explain', 'wage'], /required option '--period/],
    [['params', 'nssf.nope'], /no parameter named nssf\.nope/],
    [
      ['params', 'nssf.rounding_step', '--at', '2008-01-01'],
      /has no value at 2008-01-01: its first value starts on 2008-05-16/,
    ],
  ])('%j fails with exit 2 and one helpful line', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('Khmer', () => {
  it('--lang km gives errors and labels in Khmer', async () => {
    const bad = await run('--lang', 'km', 'explain', 'wage', '--period', '2024-5');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('មិនមែនជារយៈពេលទេ');
    const ok = await run(
      '--lang',
      'km',
      'explain',
      'nssf_health_contribution',
      '--period',
      '2024-05',
      '--input',
      'wage=500000',
    );
    expect(ok.out).toContain('ភាគទានថែទាំសុខភាព');
  });
});

describe('samaki params', () => {
  it('prints dated values with references, and one date with --at', async () => {
    const all = await run('params', 'nssf.health.contribution_rate.employer');
    expect(all.out).toMatch(/from 2016-03-17: 0\.013/);
    expect(all.out).toMatch(/from 2018-01-01: 0\.026/);
    expect(all.out).toMatch(/reference: /);
    const at = JSON.parse(
      (await run('params', 'nssf.health.contribution_rate.employer', '--at', '2017-12-31', '--json')).out,
    );
    expect(at[0].values).toHaveLength(1);
    expect(at[0].values[0]).toMatchObject({ start: '2016-03-17', value: 0.013 });
  });
});

describe('samaki law test', () => {
  it('passes on the law and fails on a wrong case', async () => {
    expect((await run('law', 'test')).out).toMatch(/law tests: \d+ passed, 0 failed/);
    const dir = join(tmp, 'tests');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'wrong.yaml'),
      '- name: A case that expects the wrong amount\n  period: 2024-05\n  input: { wage: 1500000 }\n  output: { nssf_health_contribution_employer: 1 }\n',
    );
    const r = await run('law', 'test', '--dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/expected 1, got 31200/);
  });
});

describe('samaki start', () => {
  it('evaluates and stores the example cases and merges the synthetic registers, idempotently', async () => {
    const data = join(tmp, 'data');
    const registers = join(tmp, 'registers');
    const first = await run('start', '--data', data, '--registers', registers, '--json', '--no-serve');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.out);
    expect(json.database.kind).toBe('pglite');
    expect(json.stored.inserted).toBeGreaterThan(10);
    const garment = json.examples.find(
      (e: { example: string }) => e.example === 'example:garment-worker-2024',
    );
    expect(garment.values).toMatchObject({
      nssf_total_contribution_employer: 44778,
      nssf_total_contribution_worker: 16728,
    });
    expect(json.merge).toMatchObject({ unchanged: false, run_id: 1 });
    expect(json.merge.records).toBeGreaterThan(1000);
    expect(json.merge.persons).toBeLessThan(json.merge.records);
    expect(json.merge.f1).toBeGreaterThan(0.95);
    expect(json.fund).toMatchObject({ loaded: true, ledgerOk: true });
    expect(json.fund.employers).toBeGreaterThan(0);
    expect(json.fund.declarations).toBeGreaterThanOrEqual(json.fund.employers);
    expect(json.fund.declared).toBeGreaterThan(0);
    // The sample claims: a benefit granted in each of the seven legislated branches, two refused.
    expect(json.benefits).toMatchObject({ filed: true, ledgerOk: true });
    const approved = json.benefits.claims.filter((c: { status: string }) => c.status.startsWith('approved'));
    expect(new Set(approved.map((c: { branch: string }) => c.branch)).size).toBe(7);
    expect(json.benefits.runs).toHaveLength(2);
    const second = JSON.parse(
      (await run('start', '--data', data, '--registers', registers, '--json', '--no-serve')).out,
    );
    expect(second.stored).toEqual({ inserted: 0, existing: json.stored.inserted });
    expect(second.merge).toMatchObject({ unchanged: true, run_id: 1, persons: json.merge.persons });
    expect(second.fund).toMatchObject({
      loaded: false,
      declarations: json.fund.declarations,
      declared: json.fund.declared,
    });
    expect(second.benefits).toMatchObject({ filed: false, benefitsDue: json.benefits.benefitsDue });
  });
});
