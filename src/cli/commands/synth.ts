/**
 * @module cli/commands/synth
 * `samaki synth [--scale S] [--seed N] [--out DIR] [--report] [--json] [--load [--data DIR]
 * [--replace]]`: generates the synthetic Cambodia (src/synth), prints its calibration report,
 * and loads its registry into the database.
 *
 * With `--report` or `--load` alone (no `--scale`, no `--seed`) the folder's existing data is used
 * when it has a manifest; otherwise the data is generated first (scale 0.01 and seed 1 unless
 * given).
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SamakiError } from '../../kernel/errors.js';
import { formatCalibration } from '../../synth/calibration.js';
import { generateSynth, MANIFEST_FILE, type Manifest } from '../../synth/generate.js';
import { loadSyntheticRegistry, readManifest } from '../../synth/load-registry.js';
import type { Io } from '../io.js';

export type SynthFlags = {
  scale?: string;
  seed?: string;
  out?: string;
  report?: boolean;
  json?: boolean;
  load?: boolean;
  data?: string;
  replace?: boolean;
};

export const DEFAULT_SYNTH_DIR = './samaki-data/synth';
export const MAX_SCALE = 1.5;

/** `--scale`: a number in (0, 1.5]. */
export function parseScale(text: string | undefined): number {
  if (text === undefined) return 0.01;
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > MAX_SCALE) {
    throw new SamakiError('synth_bad_scale', { value: text });
  }
  return value;
}

/** `--seed`: a whole number in [0, 2^32). */
export function parseSeed(text: string | undefined): number {
  if (text === undefined) return 1;
  const t = text.trim();
  if (!/^[0-9]+$/.test(t) || Number(t) > 4_294_967_295)
    throw new SamakiError('synth_bad_seed', { value: text });
  return Number(t);
}

/** Makes sure the output folder exists and can be written. */
export function usableOutDir(dir: string): void {
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error('it is a file, not a folder');
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new SamakiError(
      'synth_out_unwritable',
      { dir, reason: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
}

export async function synthCommand(io: Io, flags: SynthFlags): Promise<void> {
  const scale = parseScale(flags.scale);
  const seed = parseSeed(flags.seed);
  const out = resolve(io.cwd, flags.out ?? DEFAULT_SYNTH_DIR);
  usableOutDir(out);
  const reuse =
    (flags.report || flags.load) &&
    flags.scale === undefined &&
    flags.seed === undefined &&
    existsSync(join(out, MANIFEST_FILE));

  const started = performance.now();
  let manifest: Manifest;
  if (reuse) {
    manifest = readManifest(out);
    io.err(`Using the synthetic data in ${out} (seed ${manifest.seed}, scale ${manifest.scale}).`);
  } else {
    manifest = (await generateWithProgress(io, { seed, scale, out })).manifest;
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!reuse) io.err(`Generated in ${seconds.toFixed(1)} s; peak memory ${peakMb} MB.`);

  let load: Awaited<ReturnType<typeof loadSyntheticRegistry>> | undefined;
  if (flags.load) {
    const t = performance.now();
    load = await loadSyntheticRegistry(out, { dataDir: flags.data, replace: flags.replace });
    io.err(`Loaded the registry in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
  }

  if (flags.json) {
    io.out(
      JSON.stringify({
        out,
        generated: !reuse,
        seed: manifest.seed,
        scale: manifest.scale,
        referenceMonth: manifest.referenceMonth,
        ...(reuse ? {} : { seconds: Math.round(seconds * 10) / 10, peakMemoryMb: peakMb }),
        counts: manifest.counts,
        registers: {
          nssf: manifest.registers.nssf.records,
          nssfC: manifest.registers.nssfC.records,
          nfv: manifest.registers.nfv.records,
          groundTruth: manifest.registers.truthRows,
        },
        ...(flags.report ? { calibration: manifest.calibration } : {}),
        ...(load ? { load } : {}),
      }),
    );
    return;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const c = manifest.counts;
  const r = manifest.registers;
  io.out(
    `Synthetic Cambodia, ${manifest.referenceMonth} (seed ${manifest.seed}, scale ${manifest.scale}) in ${out}`,
  );
  io.out(
    `  ${n(c.persons_living ?? 0)} persons living and ${n(c.persons_deceased_since_2008 ?? 0)} deceased since 2008, ` +
      `${n(c.households ?? 0)} households, ${n(c.employers_active ?? 0)} active employers`,
  );
  io.out(
    `  legacy registers: NSSF ${n(r.nssf.records)} members, NSSF-C ${n(r.nssfC.records)} officers, ` +
      `NFV ${n(r.nfv.records)} veterans; ground truth ${n(r.truthRows)} rows`,
  );
  if (flags.report) {
    io.out('');
    io.out('Calibration against REFERENCE.md (counts at this scale):');
    for (const line of formatCalibration(manifest.calibration)) io.out(line);
  }
  if (load) {
    io.out(
      `  registry: ${n(load.households)} households and ${n(load.persons)} persons loaded into ${load.kind} at ${load.location}`,
    );
  }
}

/** Generates, with a progress bar on standard error when it is a terminal. */
async function generateWithProgress(io: Io, options: { seed: number; scale: number; out: string }) {
  if (!io.isTTY) return generateSynth(options);
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format: 'synth [{bar}] {value}/{total} {stage}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  try {
    return await generateSynth({
      ...options,
      onStage: (stage, index, stages) => {
        if (!started) {
          bar.start(stages, index, { stage });
          started = true;
        } else bar.update(index, { stage });
      },
    });
  } finally {
    if (started) bar.stop();
  }
}
