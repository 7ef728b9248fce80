/**
 * @module cli/commands/assistance
 * `samaki assistance …`: the social assistance pillar from the command line. Today: the targeting
 * report of the law's IDPoor scoring against a synthetic Cambodia's hidden truth.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { targetingReport } from '../../assistance/targeting-report.js';
import { monthArg } from '../arguments.js';
import type { Io } from '../io.js';
import { START_REGISTERS_DIR } from './start.js';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function registerAssistanceCommands(program: Command, io: Io): void {
  const assistance = program.command('assistance').description('social assistance: targeting, programmes');
  assistance
    .command('targeting-report')
    .description(
      'inclusion and exclusion errors of the law’s IDPoor scoring against a synthetic Cambodia’s hidden truth, by province',
    )
    .option('--from <dir>', 'folder written by `samaki synth --out`', START_REGISTERS_DIR)
    .option('--period <YYYY-MM>', 'the month whose law scores', '2024-05')
    .option('--json', 'print JSON')
    .action(async (o: { from: string; period: string; json?: boolean }) => {
      const r = await targetingReport(resolve(io.cwd, o.from), monthArg(o.period));
      if (o.json) {
        io.out(JSON.stringify(r));
        return;
      }
      const row = (name: string, c: (typeof r)['country']) =>
        `  ${name.padEnd(22)} ${c.households.toLocaleString('en').padStart(10)} ${c.poor.toLocaleString('en').padStart(9)} ${c.classedPoor.toLocaleString('en').padStart(9)} ${percent(c.inclusionError).padStart(9)} ${percent(c.exclusionError).padStart(9)}`;
      io.out(
        `Targeting by the law's IDPoor scoring (law ${r.lawVersion}, ${r.period}; weights and cut-offs are unverified placeholders):`,
      );
      io.out(
        `  ${'province'.padEnd(22)} ${'households'.padStart(10)} ${'poor'.padStart(9)} ${'classed'.padStart(9)} ${'inclusion'.padStart(9)} ${'exclusion'.padStart(9)}`,
      );
      for (const p of r.byProvince) io.out(row(p.name, p));
      io.out(row('Cambodia', r.country));
      io.out(row('(generator’s IDPoor)', r.generator));
      io.out(
        `  classes: ${r.levels.poor1.toLocaleString('en')} Poor 1, ${r.levels.poor2.toLocaleString('en')} Poor 2, ${r.levels.notPoor.toLocaleString('en')} not poor. Inclusion error: classed poor but not poor, over the classed poor; exclusion error: poor but not classed, over the poor.`,
      );
    });
}
