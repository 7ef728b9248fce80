/**
 * @module fund/ledger/check-ledger
 * The ledger's invariants, checked in SQL over the whole fund (`samaki fund check`, and the
 * property tests): every entry balances; each employer's receivable equals its current
 * declarations plus penalties minus its payments; amounts are never negative where they must not
 * be; allocations never exceed a debt or a payment; every posted declaration is due exactly once
 * and every superseded posted one reversed; the insurance record holds exactly the lines of the
 * posted declarations. On the benefit side: every benefit entry balances; benefits payable equals
 * the dues less the payments the banks confirmed (and did not reverse); the bank account moved by
 * exactly those payments; no due has two live instructions; no instruction differs from its due;
 * no pension is due outside its months.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';

export interface LedgerCheck {
  name: string;
  ok: boolean;
  /** How many rows break the rule (0 when ok), and an example. */
  violations: number;
  example: string | null;
}

export interface LedgerCheckReport {
  ok: boolean;
  checks: LedgerCheck[];
  totals: {
    receivable: number;
    declared: number;
    penalties: number;
    paid: number;
    benefitsDue: number;
    benefitsPaid: number;
    benefitsPayable: number;
  };
}

/** Each rule: a query returning the rows that break it, with a text `example` column. */
const RULES: readonly { name: string; side?: 'benefits'; query: string }[] = [
  {
    name: 'every journal entry balances (debits = credits)',
    query: `select format('entry %s/%s: debits %s, credits %s', employer_id, entry_id, sum(debit), sum(credit)) as example
              from journal_line group by employer_id, entry_id having sum(debit) <> sum(credit)`,
  },
  {
    name: "each employer's receivable = current declarations + penalties - payments",
    query: `with r as (select employer_id, sum(debit - credit) as receivable from journal_line
                        where account = 'employer_receivable' group by employer_id),
                 d as (select employer_id, sum(employer_total + worker_total) as declared from declaration
                        where status = 'posted' group by employer_id),
                 p as (select e.employer_id, sum(l.debit) as penalties from journal_entry e
                        join journal_line l using (employer_id, entry_id)
                        where e.kind = 'penalty' and l.account = 'employer_receivable' group by e.employer_id),
                 pay as (select employer_id, sum(amount) as paid from payment group by employer_id),
                 ids as (select employer_id from r union select employer_id from d
                         union select employer_id from pay)
            select format('employer %s: receivable %s, declared %s + penalties %s - paid %s', ids.employer_id,
                          coalesce(receivable, 0), coalesce(declared, 0), coalesce(penalties, 0), coalesce(paid, 0)) as example
              from ids left join r using (employer_id) left join d using (employer_id)
                   left join p using (employer_id) left join pay using (employer_id)
             where coalesce(receivable, 0) <> coalesce(declared, 0) + coalesce(penalties, 0) - coalesce(paid, 0)`,
  },
  {
    name: 'declaration totals equal the sum of their lines',
    query: `select format('declaration %s/%s: header %s, lines %s', d.employer_id, d.declaration_id,
                          d.employer_total + d.worker_total, coalesce(s.total, 0)) as example
              from declaration d left join (
                select employer_id, declaration_id,
                       sum(employment_injury + health_employer + health_worker + pension_employer
                           + pension_worker + self_employed_health) as total, count(*) as n
                  from declaration_line group by employer_id, declaration_id) s using (employer_id, declaration_id)
             where coalesce(s.total, 0) <> d.employer_total + d.worker_total or coalesce(s.n, 0) <> d.lines`,
  },
  {
    name: 'no negative wage or contribution on a declaration line',
    query: `select format('line %s/%s/%s', employer_id, declaration_id, line_no) as example from declaration_line
             where wage_khr < 0 or wage_usd_cents < 0 or contributory_wage < 0 or employment_injury < 0
                or health_employer < 0 or health_worker < 0 or pension_employer < 0 or pension_worker < 0
                or self_employed_health < 0`,
  },
  {
    name: 'every posted declaration is due exactly once, every superseded posted one reversed once',
    query: `select format('declaration %s/%s (%s): %s due, %s reversal entries', d.employer_id, d.declaration_id,
                          d.status, count(*) filter (where e.kind = 'contribution_due'),
                          count(*) filter (where e.kind = 'reversal')) as example
              from declaration d left join journal_entry e
                on e.employer_id = d.employer_id and e.declaration_id = d.declaration_id
             group by d.employer_id, d.declaration_id, d.status
            having (d.status = 'posted' and (count(*) filter (where e.kind = 'contribution_due') <> 1
                                             or count(*) filter (where e.kind = 'reversal') <> 0))
                or (d.status = 'received' and count(e.entry_id) <> 0)
                or count(*) filter (where e.kind = 'reversal') > count(*) filter (where e.kind = 'contribution_due')`,
  },
  {
    name: 'allocations never exceed a debt, and no debt is allocated below zero',
    query: `with owed as (select e.employer_id, e.month,
                                 case when e.kind = 'penalty' then 'penalty' else 'contribution' end as kind,
                                 sum(l.debit - l.credit) as owed
                            from journal_entry e join journal_line l using (employer_id, entry_id)
                           where e.kind in ('contribution_due', 'reversal', 'penalty')
                             and l.account = 'employer_receivable' group by 1, 2, 3),
                 alloc as (select employer_id, debt_month as month, debt_kind as kind, sum(amount) as allocated
                             from payment_allocation group by 1, 2, 3)
            select format('employer %s, %s %s: owed %s, allocated %s', a.employer_id, a.month, a.kind,
                          coalesce(o.owed, 0), a.allocated) as example
              from alloc a left join owed o using (employer_id, month, kind)
             where a.allocated < 0 or a.allocated > greatest(coalesce(o.owed, 0), 0)`,
  },
  {
    name: 'no payment is allocated beyond its amount, or below zero',
    query: `select format('payment %s/%s: amount %s, allocated %s', p.employer_id, p.payment_id, p.amount,
                          coalesce(sum(a.amount), 0)) as example
              from payment p left join payment_allocation a using (employer_id, payment_id)
             group by p.employer_id, p.payment_id, p.amount
            having coalesce(sum(a.amount), 0) > p.amount or coalesce(sum(a.amount), 0) < 0`,
  },
  {
    name: 'the insurance record holds exactly the lines of the posted declarations',
    query: `select format('member %s, %s, employer %s', coalesce(r.member_id, l.member_id),
                          coalesce(r.month, d.month), coalesce(r.employer_id, l.employer_id)) as example
              from (declaration_line l join declaration d
                      on d.employer_id = l.employer_id and d.declaration_id = l.declaration_id and d.status = 'posted')
              full join insurance_record r
                on r.employer_id = l.employer_id and r.declaration_id = l.declaration_id and r.member_id = l.member_id
             where r.member_id is null or l.member_id is null`,
  },
  {
    name: 'every benefit journal entry balances (debits = credits)',
    side: 'benefits',
    query: `select format('benefit entry %s: debits %s, credits %s', entry_id, sum(debit), sum(credit)) as example
              from benefit_journal_line group by entry_id having sum(debit) <> sum(credit)`,
  },
  {
    name: 'benefits payable = benefits due - payments the banks confirmed',
    side: 'benefits',
    query: `select format('payable %s, due %s, paid %s', l.payable, d.due, p.paid) as example
              from (select coalesce(sum(credit - debit), 0) as payable from benefit_journal_line
                     where account = 'benefits_payable') l,
                   (select coalesce(sum(amount), 0) as due from benefit_due) d,
                   (select coalesce(sum(amount), 0) as paid from benefit_payment where status = 'paid') p
             where l.payable <> d.due - p.paid`,
  },
  {
    name: 'the bank paid out exactly the confirmed benefit payments',
    side: 'benefits',
    query: `select format('bank %s, paid %s', l.bank, p.paid) as example
              from (select coalesce(sum(credit - debit), 0) as bank from benefit_journal_line
                     where account = 'bank') l,
                   (select coalesce(sum(amount), 0) as paid from benefit_payment where status = 'paid') p
             where l.bank <> p.paid`,
  },
  {
    name: 'no benefit due has two live instructions, and every instruction pays its due exactly',
    side: 'benefits',
    query: `select format('due %s/%s: %s live instructions, amounts %s', d.member_id, d.due_id,
                          count(p.*) filter (where p.status in ('instructed', 'paid')),
                          string_agg(distinct p.amount::text, ',')) as example
              from benefit_due d join benefit_payment p using (member_id, due_id)
             group by d.member_id, d.due_id, d.amount
            having count(p.*) filter (where p.status in ('instructed', 'paid')) > 1
                or bool_or(p.amount <> d.amount)`,
  },
  {
    name: 'no pension is due before its start or after its end',
    side: 'benefits',
    query: `select format('entitlement %s/%s: due %s, payable %s to %s', e.member_id, e.entitlement_id, d.month,
                          e.start_month, coalesce(e.end_month, 'open')) as example
              from benefit_due d join entitlement e
                on e.member_id = d.member_id and e.entitlement_id = d.entitlement_id
             where d.month < e.start_month or (e.end_month is not null and d.month > e.end_month)`,
  },
];

/** Checks both sides of the ledger, or one (`only`). */
export async function checkLedger(
  database: Database,
  options: { only?: 'contributions' | 'benefits' } = {},
): Promise<LedgerCheckReport> {
  const checks: LedgerCheck[] = [];
  const side = (rule: (typeof RULES)[number]) => rule.side ?? 'contributions';
  for (const rule of RULES.filter((r) => options.only === undefined || side(r) === options.only)) {
    const { rows } = await sql<{ n: number; example: string | null }>`
      select count(*)::int as n, min(example) as example from (${sql.raw(rule.query)}) v`.execute(
      database.db,
    );
    const n = Number(rows[0]!.n);
    checks.push({ name: rule.name, ok: n === 0, violations: n, example: rows[0]!.example });
  }
  const { rows } = await sql<{
    receivable: number;
    declared: number;
    penalties: number;
    paid: number;
    benefits_due: number;
    benefits_paid: number;
  }>`
    select (select coalesce(sum(debit - credit), 0) from journal_line where account = 'employer_receivable')::float8 as receivable,
           (select coalesce(sum(employer_total + worker_total), 0) from declaration where status = 'posted')::float8 as declared,
           (select coalesce(sum(l.debit), 0) from journal_entry e join journal_line l using (employer_id, entry_id)
             where e.kind = 'penalty' and l.account = 'employer_receivable')::float8 as penalties,
           (select coalesce(sum(amount), 0) from payment)::float8 as paid,
           (select coalesce(sum(amount), 0) from benefit_due)::float8 as benefits_due,
           (select coalesce(sum(amount), 0) from benefit_payment where status = 'paid')::float8 as benefits_paid`.execute(
    database.db,
  );
  const t = rows[0]!;
  return {
    ok: checks.every((c) => c.ok),
    checks,
    totals: {
      receivable: Number(t.receivable),
      declared: Number(t.declared),
      penalties: Number(t.penalties),
      paid: Number(t.paid),
      benefitsDue: Number(t.benefits_due),
      benefitsPaid: Number(t.benefits_paid),
      benefitsPayable: Number(t.benefits_due) - Number(t.benefits_paid),
    },
  };
}
