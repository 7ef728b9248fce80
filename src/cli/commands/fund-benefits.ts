/**
 * @module cli/commands/fund-benefits
 * `samaki fund …` for benefits: claims (submit, review, approve, reject, appeal, withdraw), life
 * events that end pensions, members' bank accounts, the price index, the monthly payment run
 * (`samaki fund pay YYYY-MM`, which also writes the banks' payment file) and the reconciliation of
 * a bank's return file. Thin: parse, call the same use cases as the API, print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { BENEFIT_VARIABLES, type BenefitVariable } from '../../fund/benefits/benefit-catalog.js';
import {
  type Actor,
  appealClaim,
  approveClaim,
  type ClaimView,
  rejectClaim,
  reviewClaim,
  submitClaim,
  withdrawClaim,
} from '../../fund/benefits/claims.js';
import { showClaim } from '../../fund/benefits/list-claims.js';
import { recordLifeEvent } from '../../fund/benefits/record-life-event.js';
import { bankPaymentFile, reconcileBankReturn } from '../../fund/payments/bank-files.js';
import { runBenefitPayments } from '../../fund/payments/run-benefit-payments.js';
import { setMemberPayee, setPriceIndex } from '../../fund/payments/set-member-payee.js';
import { formatRiel } from '../../kernel/money.js';
import { monthArg as month, positiveInt, usage } from '../arguments.js';
import type { Io } from '../io.js';
import { today } from '../today.js';
import { withDatabase } from '../with-database.js';

export function registerBenefitCommands(
  fund: Command,
  io: Io,
  dataOption: () => Option,
  print: (json: boolean | undefined, value: unknown, text: () => string) => void,
): void {
  const claim = fund
    .command('claim')
    .description('benefit claims: submit, review (the law decides), approve, reject, appeal, withdraw');
  const actorOf = (o: { by: string; role: string }): Actor => {
    const roles = ['fund_officer', 'supervisor', 'admin', 'member', 'employer'] as const;
    if (!roles.includes(o.role as Actor['role']))
      throw usage(`--role must be one of ${roles.join(', ')} (got "${o.role}")`);
    return { username: o.by, role: o.role as Actor['role'] };
  };
  const printClaim = (json: boolean | undefined, c: ClaimView) =>
    print(
      json,
      c,
      () =>
        `Claim ${c.claimId} of member ${c.memberId} (${c.variable}, ${c.month}): ${c.status}${c.amount === null ? '' : `, decided ${typeof c.amount === 'number' ? formatRiel(c.amount) : String(c.amount)} by ${c.decidedBy}`}${c.approvedBy ? `, approved by ${c.approvedBy}` : ''}${c.rejectionReason ? ` — ${c.rejectionReason}` : ''}.`,
    );
  claim
    .command('submit')
    .description('file a claim for a benefit, with the facts of the event and its evidence')
    .requiredOption('--member <id>', 'member number')
    .requiredOption('--benefit <variable>', `one of ${BENEFIT_VARIABLES.join(', ')}`)
    .requiredOption('--month <YYYY-MM>', 'the month the benefit is for')
    .requiredOption('--event-date <date>', 'date of the event (birth, accident, start of sickness …)')
    .option(
      '--fact <name=value>',
      'a fact of the claim as a law input (repeatable), e.g. sickness_days=5',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .requiredOption(
      '--evidence <kind:reference>',
      'the evidence, e.g. birth_certificate:BC-123 (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--by <user>', 'who files it (recorded)', 'samaki')
    .option('--role <role>', 'the role of --by', 'fund_officer')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        member: string;
        benefit: string;
        month: string;
        eventDate: string;
        fact: string[];
        evidence: string[];
        by: string;
        role: string;
        data?: string;
        json?: boolean;
      }) => {
        const facts: Record<string, number | boolean> = {};
        for (const f of o.fact) {
          const m = /^([a-z0-9_]+)=(.+)$/.exec(f);
          if (!m) throw usage(`--fact must be name=value (got "${f}")`);
          facts[m[1]!] = m[2] === 'true' ? true : m[2] === 'false' ? false : Number(m[2]);
          if (typeof facts[m[1]!] === 'number' && Number.isNaN(facts[m[1]!]))
            throw usage(`--fact ${m[1]} must be a number, true or false`);
        }
        const evidence = o.evidence.map(evidenceArg);
        const c = await withDatabase(io, o.data, (db) =>
          submitClaim(
            db,
            {
              memberId: positiveInt(o.member, '--member'),
              variable: o.benefit as BenefitVariable,
              month: month(o.month),
              eventDate: o.eventDate,
              facts,
              evidence,
            },
            actorOf(o),
          ),
        );
        printClaim(o.json, c);
      },
    );
  for (const action of ['review', 'approve', 'reject', 'appeal', 'withdraw'] as const) {
    const command = claim
      .command(action)
      .description(
        {
          review: 'decide the claim by the law from the member’s record (claim becomes in review)',
          approve: 'approve a decided claim (above the threshold: a supervisor other than the maker)',
          reject: 'reject a decided claim, saying why (--reason)',
          appeal: 'appeal a rejection (--reason gives the grounds)',
          withdraw: 'withdraw a claim not yet decided',
        }[action],
      )
      .requiredOption('--member <id>', 'member number')
      .argument('<claim>', 'claim number')
      .option('--by <user>', 'who acts (recorded)', 'samaki')
      .option('--role <role>', 'the role of --by', 'fund_officer')
      .addOption(dataOption())
      .option('--json', 'print JSON');
    if (action === 'reject' || action === 'appeal') command.requiredOption('--reason <text>', 'why');
    command.action(
      async (
        id: string,
        o: { member: string; by: string; role: string; reason?: string; data?: string; json?: boolean },
      ) => {
        const memberId = positiveInt(o.member, '--member');
        const claimId = positiveInt(id, 'the claim');
        const actor = actorOf(o);
        const c = await withDatabase(io, o.data, (db) => {
          switch (action) {
            case 'review':
              return reviewClaim(db, memberId, claimId, actor);
            case 'approve':
              return approveClaim(db, memberId, claimId, actor);
            case 'reject':
              return rejectClaim(db, memberId, claimId, o.reason ?? '', actor);
            case 'appeal':
              return appealClaim(db, memberId, claimId, o.reason ?? '', actor);
            default:
              return withdrawClaim(db, memberId, claimId, actor);
          }
        });
        printClaim(o.json, c);
      },
    );
  }

  claim
    .command('show')
    .description(
      'a claim with its history and the law’s decision explained in plain words (--lang km for Khmer)',
    )
    .argument('<claim>', 'claim number')
    .requiredOption('--member <id>', 'member number')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { member: string; data?: string; json?: boolean }) => {
      const locale = (fund.parent?.opts() as { lang?: string } | undefined)?.lang === 'km' ? 'km' : 'en';
      const c = await withDatabase(io, o.data, (db) =>
        showClaim(db, positiveInt(o.member, '--member'), positiveInt(id, 'the claim'), locale),
      );
      print(o.json, c, () =>
        [
          `Claim ${c.claimId} of member ${c.memberId}: ${c.variable} for ${c.month}, ${c.status}${c.rejectionReason ? ` — ${c.rejectionReason}` : ''}`,
          ...c.events.map(
            (e) =>
              `  ${e.at} ${e.actor}: ${e.fromStatus ?? '—'} → ${e.toStatus}${e.note ? ` (${e.note})` : ''}`,
          ),
          ...(c.decision
            ? [
                `Decision: ${c.decision.label} = ${c.decision.valueText} (law ${c.decision.lawVersion}, parameters ${c.decision.parameterHash.slice(0, 12)})`,
                c.decision.explanation,
              ]
            : ['Not decided yet.']),
        ].join('\n'),
      );
    });

  fund
    .command('event')
    .description(
      'record a death, recovery or return to work: it ends the pensions it ends (a death files the survivors’ claims)',
    )
    .requiredOption('--member <id>', 'member number')
    .requiredOption('--kind <kind>', 'death | recovery | return_to_work')
    .requiredOption('--date <YYYY-MM-DD>', 'date of the event')
    .requiredOption('--evidence <kind:reference>', 'the document, e.g. death_certificate:DC-123')
    .option('--spouse', 'for a death: a spouse survives')
    .option('--children <n>', 'for a death: surviving children', '0')
    .option('--employment-injury', 'for a death: caused by an employment injury')
    .option('--by <user>', 'who records it', 'samaki')
    .option('--role <role>', 'the role of --by', 'fund_officer')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        member: string;
        kind: string;
        date: string;
        evidence: string;
        spouse?: boolean;
        children: string;
        employmentInjury?: boolean;
        by: string;
        role: string;
        data?: string;
        json?: boolean;
      }) => {
        const r = await withDatabase(io, o.data, (db) =>
          recordLifeEvent(
            db,
            {
              memberId: positiveInt(o.member, '--member'),
              kind: o.kind as 'death',
              date: o.date,
              evidence: evidenceArg(o.evidence),
              ...(o.kind === 'death'
                ? {
                    survivors: {
                      spouse: Boolean(o.spouse),
                      children: /^[0-9]+$/.test(o.children) ? Number(o.children) : Number.NaN,
                      diedOfEmploymentInjury: Boolean(o.employmentInjury),
                    },
                  }
                : {}),
            },
            actorOf(o),
          ),
        );
        print(
          o.json,
          r,
          () =>
            `${o.kind} of member ${r.memberId}: ${r.ended.map((e) => `${e.variable} ends after ${e.endMonth}`).join(', ') || 'no pension in payment'}${r.claimsFiled.length ? `; claims filed: ${r.claimsFiled.map((c) => `${c.claimId} ${c.variable}`).join(', ')}` : ''}.`,
        );
      },
    );

  fund
    .command('payee')
    .description('record the bank account a member’s benefits are paid to')
    .requiredOption('--member <id>', 'member number')
    .requiredOption('--bank <name>', 'the bank')
    .requiredOption('--account <no>', 'account number')
    .requiredOption('--name <holder>', 'account holder')
    .option('--by <user>', 'who records it', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        member: string;
        bank: string;
        account: string;
        name: string;
        by: string;
        data?: string;
        json?: boolean;
      }) => {
        const r = await withDatabase(io, o.data, (db) =>
          setMemberPayee(
            db,
            positiveInt(o.member, '--member'),
            { bank: o.bank, accountNo: o.account, accountName: o.name },
            { actor: o.by },
          ),
        );
        print(
          o.json,
          r,
          () => `Member ${r.memberId} is paid to ${r.bank} ${r.accountNo} (${r.accountName}).`,
        );
      },
    );

  fund
    .command('price-index')
    .description('record the consumer price index in force from a month (pensions follow it)')
    .argument('<YYYY-MM>', 'from which month')
    .argument('<cpi>', 'the index')
    .requiredOption('--reference <text>', 'its source (the Ministry of Planning’s release)')
    .option('--by <user>', 'who records it', 'samaki')
    .addOption(dataOption())
    .action(async (m: string, cpi: string, o: { reference: string; by: string; data?: string }) => {
      const value = Number(cpi);
      if (!Number.isFinite(value) || value <= 0)
        throw usage(`the index must be a number above 0 (got "${cpi}")`);
      await withDatabase(io, o.data, (db) =>
        setPriceIndex(db, { month: month(m), cpi: value, reference: o.reference }, { actor: o.by }),
      );
      io.out(`Price index from ${m}: ${value}.`);
    });

  fund
    .command('pay')
    .description(
      'the monthly benefit payment run: pensions and approved claims due, instructions to the banks',
    )
    .argument('<YYYY-MM>', 'the month paid')
    .option('--out <file>', 'write the banks’ payment file (CSV) here')
    .option(
      '--key <key>',
      'idempotency key (default benefits:YYYY-MM: the same month again returns the first run)',
    )
    .option('--by <user>', 'who runs it (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(
      async (m: string, o: { out?: string; key?: string; by: string; data?: string; json?: boolean }) => {
        const r = await withDatabase(io, o.data, async (db) => {
          const run = await runBenefitPayments(db, month(m), {
            actor: o.by,
            today: today(io),
            ...(o.key ? { idempotencyKey: o.key } : {}),
          });
          if (o.out) writeFileSync(resolve(io.cwd, o.out), await bankPaymentFile(db, run.runId));
          return run;
        });
        print(
          o.json,
          r,
          () =>
            `Payment run ${r.runId} (${r.month})${r.created ? '' : ' — already made with this key; unchanged'}: ${r.dues} dues (${Object.entries(
              r.dueByBranch,
            )
              .map(([b, a]) => `${b} ${formatRiel(a)}`)
              .join(
                ', ',
              )}); ${r.instructions} instructions for ${formatRiel(r.amount)} riel; ${r.held} held without a bank account.${o.out ? ` Payment file: ${o.out}` : ''}`,
        );
      },
    );

  fund
    .command('reconcile')
    .description(
      'reconcile a bank’s return file (paid, failed, reversed); a failed payment comes back in the next run',
    )
    .argument(
      '<file>',
      'the return file (CSV: instruction_key,amount_khr,status,settled_on,bank_reference,reason)',
    )
    .option('--by <user>', 'who reconciles (recorded)', 'samaki')
    .addOption(dataOption())
    .option('--json', 'print JSON')
    .action(async (file: string, o: { by: string; data?: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, file), 'utf8');
      } catch (error) {
        throw usage(`cannot read ${file}: ${(error as Error).message}`);
      }
      const r = await withDatabase(io, o.data, (db) =>
        reconcileBankReturn(db, text, { actor: o.by, file, today: today(io) }),
      );
      print(
        o.json,
        r,
        () =>
          `${r.file}: ${r.paid} paid (${formatRiel(r.paidAmount)} riel), ${r.failed} failed, ${r.reversed} reversed (${formatRiel(r.reversedAmount)} riel), ${r.unchanged} already recorded.`,
      );
    });
}

function evidenceArg(e: string): { kind: string; reference: string } {
  const i = e.indexOf(':');
  if (i <= 0) throw usage(`--evidence must be kind:reference (got "${e}")`);
  return { kind: e.slice(0, i), reference: e.slice(i + 1) };
}
