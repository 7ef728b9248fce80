/**
 * @module cli/commands/council
 * `samaki council …`: the National Social Protection Council's views. Today: the synergy report
 * of gaps and overlaps between the two pillars, read from the live database.
 */
import type { Command, Option } from 'commander';
import { synergyReport } from '../../council/synergy-report.js';
import { monthArg } from '../arguments.js';
import type { Io } from '../io.js';
import { withDatabase } from '../with-database.js';

const list = (o: Record<string, number>) =>
  Object.entries(o)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || '—';

export function registerCouncilCommands(program: Command, io: Io, dataOption: () => Option): void {
  const council = program.command('council').description("the National Social Protection Council's views");
  council
    .command('synergy-report')
    .description('gaps (eligible but not covered) and overlaps (paid twice for one need) across both pillars')
    .argument('<YYYY-MM>', 'the month')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (m: string, o: { data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) => synergyReport(db, monthArg(m)));
      if (o.json) {
        io.out(JSON.stringify(r));
        return;
      }
      io.out(
        `Synergy report ${r.month} (law ${r.lawVersion}): ${r.persons.toLocaleString('en')} living persons in the registry, ${r.healthCovered.toLocaleString('en')} covered for medical care.`,
      );
      for (const f of r.findings)
        io.out(
          [
            `  ${f.kind} · ${f.branch} · ${f.variable}: ${f.persons.toLocaleString('en')} person(s)`,
            `    by province ${list(f.byProvince)}`,
            `    by sex ${list(f.bySex)}; by age ${list(f.byAgeGroup)}`,
            `    first: ${f.examples.join(', ') || '—'}`,
          ].join('\n'),
        );
    });
}
