/**
 * @module cli/commands/assistance
 * `samaki assistance …`: the social assistance pillar from the command line. Today: the targeting
 * report of the law's IDPoor scoring against a synthetic Cambodia's hidden truth.
 */
import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { enrolHouseholds } from '../../assistance/enrol-households.js';
import {
  assignGrievance,
  escalateOverdue,
  type GrievanceView,
  lodgeGrievance,
  resolveGrievance,
} from '../../assistance/grievances.js';
import { targetingReport } from '../../assistance/targeting-report.js';
import { monthArg, positiveInt } from '../arguments.js';
import type { Io } from '../io.js';
import { today } from '../today.js';
import { withDatabase } from '../with-database.js';
import { START_REGISTERS_DIR } from './start.js';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

export function registerAssistanceCommands(program: Command, io: Io, dataOption: () => Option): void {
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

  assistance
    .command('enrol')
    .description('enrol the IDPoor households in the Family Package, and exit those no longer IDPoor')
    .argument('<YYYY-MM>', 'the month')
    .option('--by <user>', 'who runs it', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (m: string, o: { by: string; data?: string; json?: boolean }) => {
      const r = await withDatabase(io, o.data, (db) => enrolHouseholds(db, monthArg(m), { actor: o.by }));
      io.out(
        o.json
          ? JSON.stringify(r)
          : `Family Package ${r.month}: ${r.enrolled.toLocaleString('en')} household(s) enrolled, ${r.exited.toLocaleString('en')} exited; ${r.open.toLocaleString('en')} enrolled now.`,
      );
    });

  const grievance = assistance
    .command('grievance')
    .description('grievances: lodge, assign, escalate the overdue, resolve');
  const show = (json: boolean | undefined, g: GrievanceView) =>
    io.out(
      json
        ? JSON.stringify(g)
        : `Grievance ${g.grievanceId} of household ${g.householdId}: ${g.status}, level ${g.level}, ${g.category} by ${g.channel}${g.assignedTo ? `, with ${g.assignedTo}` : ''}; due ${g.dueOn}${g.answer ? ` — ${g.answer}` : ''}`,
    );
  grievance
    .command('lodge')
    .requiredOption('--household <id>', 'the household')
    .requiredOption('--channel <channel>', 'in_person | phone | hotline | commune_council | online')
    .requiredOption('--category <category>', 'targeting | enrolment | payment | conduct | other')
    .requiredOption('--text <description>', 'what it is about')
    .option('--on-behalf', 'lodged on the beneficiary’s behalf')
    .option('--by <user>', 'who lodges it', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        household: string;
        channel: string;
        category: string;
        text: string;
        onBehalf?: boolean;
        by: string;
        data?: string;
        json?: boolean;
      }) => {
        const g = await withDatabase(io, o.data, (db) =>
          lodgeGrievance(
            db,
            {
              householdId: positiveInt(o.household, '--household'),
              channel: o.channel,
              category: o.category,
              description: o.text,
              onBehalf: Boolean(o.onBehalf),
              lodgedOn: today(io),
            },
            o.by,
          ),
        );
        show(o.json, g);
      },
    );
  grievance
    .command('assign')
    .argument('<grievance>', 'grievance number')
    .requiredOption('--to <officer>', 'the officer who handles it')
    .option('--by <user>', 'who assigns it', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { to: string; by: string; data?: string; json?: boolean }) => {
      show(
        o.json,
        await withDatabase(io, o.data, (db) =>
          assignGrievance(db, positiveInt(id, 'the grievance'), o.to, o.by),
        ),
      );
    });
  grievance
    .command('resolve')
    .argument('<grievance>', 'grievance number')
    .requiredOption('--answer <text>', 'the answer the beneficiary reads')
    .option('--by <user>', 'who resolves it', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { answer: string; by: string; data?: string; json?: boolean }) => {
      show(
        o.json,
        await withDatabase(io, o.data, (db) =>
          resolveGrievance(db, positiveInt(id, 'the grievance'), o.answer, today(io), o.by),
        ),
      );
    });
  grievance
    .command('escalate')
    .description('escalate every grievance unresolved past its deadline (run daily)')
    .option('--by <user>', 'who runs it', 'samaki')
    .addOption(dataOption())
    .action(async (o: { by: string; data?: string }) => {
      const r = await withDatabase(io, o.data, (db) => escalateOverdue(db, today(io), o.by));
      io.out(
        `Escalated ${r.escalated.length} grievance(s)${r.escalated.length ? `: ${r.escalated.join(', ')}` : ''}.`,
      );
    });
}
