/**
 * @module cli/commands/synth.test
 * `samaki synth` in-process: flags that are wrong give one line with their own error code and
 * exit 2; a small run prints its summary, its calibration report and JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ErrorCode, isSamakiError } from '../../kernel/errors.js';
import { memoryIo } from '../io.js';
import { runCli } from '../main.js';
import { synthCommand } from './synth.js';

const tmp = mkdtempSync(join(tmpdir(), 'samaki-synth-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

async function codeOf(flags: Parameters<typeof synthCommand>[1]): Promise<ErrorCode | undefined> {
  try {
    await synthCommand(memoryIo(), flags);
  } catch (error) {
    if (isSamakiError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('samaki synth: bad flags', () => {
  it.each([['0'], ['-0.5'], ['1.6'], ['abc'], [''], ['Infinity']])(
    '--scale %j is synth_bad_scale',
    async (scale) => {
      expect(await codeOf({ scale, out: join(tmp, 'never') })).toBe('synth_bad_scale');
    },
  );

  it.each([['1.5'], ['-1'], ['x'], ['4294967296']])('--seed %j is synth_bad_seed', async (seed) => {
    expect(await codeOf({ seed, out: join(tmp, 'never') })).toBe('synth_bad_seed');
  });

  it('an --out that cannot be written is synth_out_unwritable', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(await codeOf({ scale: '0.001', out: file })).toBe('synth_out_unwritable');
    expect(await codeOf({ scale: '0.001', out: join(file, 'below') })).toBe('synth_out_unwritable');
  });

  it('prints one line and exits 2, in English or Khmer', async () => {
    const r = await run('synth', '--scale', '2', '--out', join(tmp, 'never'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'samaki: --scale must be a number above 0 and at most 1.5 (1 is the whole country, 0.01 is one percent); got "2".',
    );
    const km = await run('--lang', 'km', 'synth', '--seed', 'x', '--out', join(tmp, 'never'));
    expect(km.code).toBe(2);
    expect(km.err).toMatch(/^samaki: --seed ត្រូវតែជាចំនួនគត់/);
    expect(km.err.split('\n')).toHaveLength(1);
  });

  it('--report on a folder without data generates it first', async () => {
    const r = await run('synth', '--report', '--json', '--out', join(tmp, 'fresh'), '--scale', '0.001');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ generated: true, seed: 1, scale: 0.001, referenceMonth: '2025-12' });
    expect(json.counts.persons_living).toBe(17102);
    expect(json.calibration.find((c: { key: string }) => c.key === 'urban').target).toBe(0.394);
    expect(json.registers.nssf).toBeGreaterThan(0);
  });
});

describe('samaki synth: a small run', () => {
  it('prints the summary and the calibration report, then reuses the data for --report', async () => {
    const out = join(tmp, 'small');
    const r = await run('synth', '--scale', '0.001', '--seed', '3', '--out', out, '--report');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Synthetic Cambodia, 2025-12 (seed 3, scale 0.001)');
    expect(r.out).toMatch(/Aged 0–14 +0\.2940 +0\.29\d\d +[+-]\d\.\d% +§7\.1/);
    expect(r.err).toMatch(/Generated in [0-9.]+ s; peak memory \d+ MB/);
    const again = await run('synth', '--report', '--json', '--out', out);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ generated: false, seed: 3, scale: 0.001 });
  });
});
