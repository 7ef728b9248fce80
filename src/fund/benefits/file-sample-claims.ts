/**
 * @module fund/benefits/file-sample-claims
 * The benefit part of the main job (`samaki start`): a sample employer with six workers who have
 * contributed from July 2023 to December 2025 (one also with ten years of civil service that the
 * merger totalised from NSSF-C), and a claim in every legislated branch for January 2026 — medical
 * care, sickness, maternity and childbirth, employment injury (temporary and permanent),
 * old age, invalidity — decided by the law from the insurance record, approved by an officer (a
 * supervisor above the threshold) or rejected with the law's reason; the two branches Cambodia
 * has not legislated (unemployment, family) decided and rejected as such. Then the pensioner's
 * death (survivors' claims), bank accounts, the January payment run with its bank file, a bank
 * return in which one payment fails, and the February run that pays it again. Everything goes
 * through the same services as the API and the command line. Filed once: a second start finds
 * the sample employer and reports what is there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Database } from '../../db/open-database.js';
import { isSamakiError } from '../../kernel/errors.js';
import { shiftMonth } from '../../kernel/period.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { receiveDeclaration } from '../declarations/receive-declaration.js';
import { checkLedger } from '../ledger/check-ledger.js';
import { bankPaymentFile, reconcileBankReturn } from '../payments/bank-files.js';
import { runBenefitPayments } from '../payments/run-benefit-payments.js';
import { setMemberPayee, setPriceIndex } from '../payments/set-member-payee.js';
import { type BenefitVariable, benefitKind } from './benefit-catalog.js';
import { type Actor, approveClaim, rejectClaim, reviewClaim, submitClaim } from './claims.js';
import { recordLifeEvent } from './record-life-event.js';

export const SAMPLE_EMPLOYER_NAME = 'Tonle Sap Garments (sample)';
const FIRST_MONTH = '2023-07';
const LAST_MONTH = '2025-12';
const CLAIM_MONTH = '2026-01';

const officer: Actor = { username: 'officer', role: 'fund_officer' };
const supervisor: Actor = { username: 'supervisor', role: 'supervisor' };

export interface SampleClaimOutcome {
  member: string;
  variable: string;
  branch: string;
  amount: number | boolean | string | null;
  status: string;
  reason?: string;
}

export interface SampleClaimsSummary {
  filed: boolean;
  claims: SampleClaimOutcome[];
  runs: { runId: number; month: string; instructions: number; amount: number; file: string }[];
  reconciliation: { paid: number; failed: number; paidAmount: number } | null;
  ledgerOk: boolean;
  benefitsDue: number;
  benefitsPaid: number;
}

interface SampleWorker {
  key: string;
  givenNameKm: string;
  sex: 'F' | 'M';
  birthDate: string;
  nationalId: string;
  wageKhr: number;
  claims: { variable: BenefitVariable; facts: Record<string, number | boolean>; evidence: string }[];
}

const WORKERS: readonly SampleWorker[] = [
  {
    key: 'pensioner',
    givenNameKm: 'សុភា',
    sex: 'M',
    birthDate: '1963-03-02',
    nationalId: '900000101',
    wageKhr: 1_400_000,
    claims: [{ variable: 'old_age_pension', facts: {}, evidence: 'id_card' }],
  },
  {
    key: 'mother',
    givenNameKm: 'ចាន់ថា',
    sex: 'F',
    birthDate: '1997-06-14',
    nationalId: '900000102',
    wageKhr: 1_000_000,
    claims: [
      { variable: 'maternity_benefit', facts: { maternity_leave_days: 90 }, evidence: 'medical_certificate' },
      {
        variable: 'childbirth_allowance',
        facts: { number_of_babies: 2, childbirth_reported_to_nssf: true },
        evidence: 'birth_certificate',
      },
    ],
  },
  {
    key: 'sick',
    givenNameKm: 'វណ្ណា',
    sex: 'M',
    birthDate: '1988-11-30',
    nationalId: '900000103',
    wageKhr: 900_000,
    claims: [
      { variable: 'medical_care_entitlement', facts: {}, evidence: 'hospital_admission' },
      { variable: 'sickness_benefit', facts: { sickness_days: 12 }, evidence: 'medical_certificate' },
      { variable: 'unemployment_benefit', facts: { is_unemployed: true }, evidence: 'termination_letter' },
    ],
  },
  {
    key: 'injured',
    givenNameKm: 'រតនា',
    sex: 'M',
    birthDate: '1985-01-20',
    nationalId: '900000104',
    wageKhr: 1_200_000,
    claims: [
      {
        variable: 'employment_injury_temporary_benefit',
        facts: { employment_injury_incapacity_days: 30 },
        evidence: 'accident_report',
      },
      {
        variable: 'employment_injury_permanent_pension',
        facts: { incapacity_degree: 0.3 },
        evidence: 'medical_board_finding',
      },
    ],
  },
  {
    key: 'civil-servant',
    givenNameKm: 'សុខា',
    sex: 'F',
    birthDate: '1970-08-08',
    nationalId: '900000105',
    wageKhr: 1_100_000,
    claims: [
      {
        variable: 'invalidity_pension',
        facts: { invalidity_recognised: true, invalidity_onset_age: 55 },
        evidence: 'medical_board_finding',
      },
    ],
  },
  {
    key: 'father',
    givenNameKm: 'ពិសិដ្ឋ',
    sex: 'M',
    birthDate: '1992-04-04',
    nationalId: '900000106',
    wageKhr: 800_000,
    claims: [{ variable: 'family_benefit', facts: { dependent_children: 2 }, evidence: 'family_book' }],
  },
];

export async function fileSampleClaims(
  database: Database,
  options: { today: string; paymentsDir: string; progress?: (message: string) => void },
): Promise<SampleClaimsSummary> {
  const existing = await database.db
    .selectFrom('employer')
    .select('employer_id')
    .where('name', '=', SAMPLE_EMPLOYER_NAME)
    .executeTakeFirst();
  if (existing)
    return { ...(await ledgerTotals(database)), filed: false, claims: [], runs: [], reconciliation: null };

  const ctx = { actor: 'samaki start', today: options.today };
  const employer = await registerEmployer(
    database,
    {
      kind: 'enterprise',
      name: SAMPLE_EMPLOYER_NAME,
      sector: 'garment',
      province: 12,
      startedOn: '2023-06-01',
      registeredOn: '2023-06-05',
    },
    ctx,
  );
  const members = new Map<string, number>();
  for (const w of WORKERS) {
    const r = await registerWorker(
      database,
      {
        employerId: employer.employerId,
        person: {
          familyNameKm: 'គឹម',
          givenNameKm: w.givenNameKm,
          sex: w.sex,
          birthDate: w.birthDate,
          nationalId: w.nationalId,
          province: 12,
        },
        startDate: `${FIRST_MONTH}-01`,
        registeredOn: `${FIRST_MONTH}-01`,
      },
      ctx,
    );
    members.set(w.key, r.memberId);
  }
  // The civil servant's ten years in NSSF-C, as the merger totalises them (src/merger).
  await database.db
    .insertInto('insured_period')
    .values({
      member_id: members.get('civil-servant')!,
      branch: 'pension',
      from_month: '2012-01',
      to_month: '2021-12',
      months: 120,
      sources: 'nssf-c',
    })
    .execute();
  options.progress?.(
    `Sample claims: declaring ${FIRST_MONTH}..${LAST_MONTH} for ${WORKERS.length} workers …`,
  );
  for (let month = FIRST_MONTH; month <= LAST_MONTH; month = shiftMonth(month, 1))
    await receiveDeclaration(
      database,
      {
        employerId: employer.employerId,
        month,
        source: 'api',
        lines: WORKERS.map((w) => ({ memberId: members.get(w.key)!, wageKhr: w.wageKhr })),
      },
      { ...ctx, post: true },
    );
  await setPriceIndex(
    database,
    { month: '2025-01', cpi: 100, reference: 'sample index (the Ministry of Planning sets the real one)' },
    ctx,
  );

  const claims: SampleClaimOutcome[] = [];
  for (const w of WORKERS)
    for (const c of w.claims)
      claims.push(
        await fileAndDecide(
          database,
          members.get(w.key)!,
          w.key,
          c.variable,
          c.facts,
          c.evidence,
          CLAIM_MONTH,
        ),
      );

  // The pensioner dies in January: the pension ends with January; the survivors claim.
  const death = await recordLifeEvent(
    database,
    {
      memberId: members.get('pensioner')!,
      kind: 'death',
      date: '2026-01-20',
      evidence: { kind: 'death_certificate', reference: 'DC-2026-0120' },
      survivors: { spouse: true, children: 1 },
    },
    officer,
  );
  for (const c of death.claimsFiled)
    claims.push(await decideFiled(database, 'pensioner', c.memberId, c.claimId, c.variable));

  for (const w of WORKERS)
    await setMemberPayee(
      database,
      members.get(w.key)!,
      { bank: 'ACLEDA', accountNo: `0001-${w.nationalId}`, accountName: `គឹម ${w.givenNameKm}` },
      ctx,
    );

  mkdirSync(options.paymentsDir, { recursive: true });
  const runs: SampleClaimsSummary['runs'] = [];
  const pay = async (month: string) => {
    const run = await runBenefitPayments(database, month, { actor: 'officer', today: options.today });
    const file = join(options.paymentsDir, `payment-run-${run.runId}-${month}.csv`);
    const csv = await bankPaymentFile(database, run.runId);
    writeFileSync(file, csv);
    runs.push({ runId: run.runId, month, instructions: run.instructions, amount: run.amount, file });
    return csv;
  };
  const january = await pay(CLAIM_MONTH);
  // The bank pays all but the childbirth allowance, whose account number it does not know.
  const rows = Papa.parse<Record<string, string>>(january, { header: true, skipEmptyLines: true }).data;
  const bankReturn = Papa.unparse(
    rows.map((r) => ({
      instruction_key: r.instruction_key,
      amount_khr: r.amount_khr,
      status: r.benefit === 'childbirth_allowance' ? 'failed' : 'paid',
      settled_on: options.today,
      bank_reference: `ACL-${r.instruction_key}`,
      reason: r.benefit === 'childbirth_allowance' ? 'account number unknown at the bank' : '',
    })),
    { newline: '\n' },
  );
  const returnFile = join(options.paymentsDir, `bank-return-${CLAIM_MONTH}.csv`);
  writeFileSync(returnFile, bankReturn);
  const reconciliation = await reconcileBankReturn(database, bankReturn, {
    actor: 'officer',
    file: returnFile,
    today: options.today,
  });
  await pay(shiftMonth(CLAIM_MONTH, 1));
  return {
    ...(await ledgerTotals(database)),
    filed: true,
    claims,
    runs,
    reconciliation: {
      paid: reconciliation.paid,
      failed: reconciliation.failed,
      paidAmount: reconciliation.paidAmount,
    },
  };
}

async function fileAndDecide(
  database: Database,
  memberId: number,
  who: string,
  variable: BenefitVariable,
  facts: Record<string, number | boolean>,
  evidence: string,
  month: string,
): Promise<SampleClaimOutcome> {
  const filed = await submitClaim(
    database,
    {
      memberId,
      variable,
      month,
      eventDate: `${month}-05`,
      facts,
      evidence: [{ kind: evidence, reference: `${evidence.toUpperCase()}-${memberId}` }],
    },
    { username: `member-${memberId}`, role: 'member' },
  );
  return decideFiled(database, who, memberId, filed.claimId, variable);
}

/** Review by the officer; approve (a supervisor when the officer may not), or reject with the law's reason. */
async function decideFiled(
  database: Database,
  who: string,
  memberId: number,
  claimId: number,
  variable: string,
): Promise<SampleClaimOutcome> {
  const kind = benefitKind(variable as BenefitVariable);
  const reviewed = await reviewClaim(database, memberId, claimId, officer);
  const amount = reviewed.amount as number | boolean;
  const grants = kind.legislated && (kind.payable === 'none' ? amount !== false : Number(amount) > 0);
  const outcome = { member: who, variable, branch: kind.branch, amount };
  if (!grants) {
    const reason = kind.legislated
      ? 'the law grants nothing on this record (see the decision’s explanation)'
      : `no ${kind.branch} benefit in Cambodian law yet (branch not legislated)`;
    await rejectClaim(database, memberId, claimId, reason, officer);
    return { ...outcome, status: 'rejected', reason };
  }
  try {
    await approveClaim(database, memberId, claimId, officer);
    return { ...outcome, status: 'approved' };
  } catch (error) {
    if (!(isSamakiError(error) && error.code === 'claim_needs_checker')) throw error;
    // Above the approval threshold: the supervisor, another person, approves.
    await approveClaim(database, memberId, claimId, supervisor);
    return { ...outcome, status: 'approved by the supervisor' };
  }
}

async function ledgerTotals(database: Database) {
  const check = await checkLedger(database);
  return {
    ledgerOk: check.ok,
    benefitsDue: check.totals.benefitsDue,
    benefitsPaid: check.totals.benefitsPaid,
  };
}
