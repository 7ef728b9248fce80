/**
 * The fund's commands end to end, in-process on a PGlite folder: register an employer and a
 * worker, refuse a declaration file with a bad row (every problem printed, nothing stored), take
 * the corrected file, post the month, record a payment, print the statement, check the ledger;
 * then a benefit claim through to the bank: decided, approved, paid by `samaki fund pay` with a
 * payment file, and reconciled from the bank's return file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io.js';
import { runCli } from '../main.js';

const tmp = mkdtempSync(join(tmpdir(), 'samaki-fund-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, 'data');

async function run(...argv: string[]) {
  const io = memoryIo({ SAMAKI_TODAY: '2025-12-20' });
  const code = await runCli([...argv, '--data', data], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('samaki fund', () => {
  let memberId = 0;
  it('registers, refuses a bad file whole, declares, posts, takes a payment and balances', async () => {
    const employer = JSON.parse(
      (
        await run(
          'fund',
          'register-employer',
          '--kind',
          'enterprise',
          '--name',
          'Angkor Garments',
          '--sector',
          'garment',
          '--started-on',
          '2025-11-01',
          '--registered-on',
          '2025-11-05',
          '--json',
        )
      ).out,
    );
    expect(employer.lateRegistration).toBe(false);
    const worker = JSON.parse(
      (
        await run(
          'fund',
          'register-worker',
          '--employer',
          employer.employerNo,
          '--start-date',
          '2025-11-03',
          '--family-name-km',
          'សុខ',
          '--given-name-km',
          'ដារា',
          '--sex',
          'F',
          '--birth-date',
          '1998-04-02',
          '--province',
          '12',
          '--json',
        )
      ).out,
    );
    expect(worker.newMember).toBe(true);
    memberId = worker.memberId;

    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, `member_no,name,wage_khr\n${worker.memberId},Dara,-5\n999999,Nobody,100\n`);
    const refused = await run(
      'fund',
      'declare',
      '--employer',
      employer.employerNo,
      '--month',
      '2025-11',
      '--file',
      bad,
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('C2');
    const declared0 = JSON.parse((await run('fund', 'statement', employer.employerNo, '--json')).out);
    expect(declared0.entries).toEqual([]);

    const good = join(tmp, 'good.csv');
    writeFileSync(good, `member_no,name,wage_khr\n${worker.memberId},Dara,1000000\n`);
    const unknown = join(tmp, 'unknown.csv');
    writeFileSync(unknown, `member_no,name,wage_khr\n999999,Nobody,100\n`);
    const notEmployed = await run(
      'fund',
      'declare',
      '--employer',
      employer.employerNo,
      '--month',
      '2025-11',
      '--file',
      unknown,
    );
    expect(notEmployed.code).toBe(2);
    expect(notEmployed.err).toMatch(/A2: row 2: member 999999 is not registered/);

    const receipt = JSON.parse(
      (
        await run(
          'fund',
          'declare',
          '--employer',
          employer.employerNo,
          '--month',
          '2025-11',
          '--file',
          good,
          '--json',
        )
      ).out,
    );
    expect(receipt).toMatchObject({ status: 'received', lines: 1 });
    expect(receipt.total).toBeGreaterThan(0);
    expect((await run('fund', 'run-month', '2025-11')).out).toMatch(/posted 1 declarations/);
    const paid = JSON.parse(
      (
        await run(
          'fund',
          'receive',
          '--employer',
          employer.employerNo,
          '--amount',
          String(receipt.total),
          '--date',
          '2025-12-10',
          '--reference',
          'BANK-1',
          '--json',
        )
      ).out,
    );
    expect(paid.balance).toBe(0);
    const again = JSON.parse(
      (
        await run(
          'fund',
          'receive',
          '--employer',
          employer.employerNo,
          '--amount',
          String(receipt.total),
          '--date',
          '2025-12-10',
          '--reference',
          'BANK-1',
          '--json',
        )
      ).out,
    );
    expect(again.paymentId).toBe(paid.paymentId);
    const check = await run('fund', 'check');
    expect(check.code).toBe(0);
    expect(check.out).not.toContain('FAIL');
    const record = await run('fund', 'record', String(worker.memberId));
    expect(record.out).toMatch(/2025-11 E\d{7} wage 1,000,000/);

    // A childbirth claim in December, decided by the law and approved below the threshold.
    const filed = JSON.parse(
      (
        await run(
          'fund',
          'claim',
          'submit',
          '--member',
          String(worker.memberId),
          '--benefit',
          'childbirth_allowance',
          '--month',
          '2025-12',
          '--event-date',
          '2025-12-02',
          '--fact',
          'number_of_babies=1',
          '--fact',
          'childbirth_reported_to_nssf=true',
          '--evidence',
          'birth_certificate:BC-77',
          '--by',
          'dara',
          '--role',
          'member',
          '--json',
        )
      ).out,
    );
    expect(filed.status).toBe('submitted');
    const reviewed = await run(
      'fund',
      'claim',
      'review',
      String(filed.claimId),
      '--member',
      String(worker.memberId),
      '--by',
      'sokha',
    );
    expect(reviewed.out).toMatch(/in_review, decided 400,000 by sokha/);
    const withdrawn = await run(
      'fund',
      'claim',
      'withdraw',
      String(filed.claimId),
      '--member',
      String(worker.memberId),
      '--by',
      'dara',
      '--role',
      'member',
    );
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.out).toMatch(/withdrawn/);
    const tooLate = await run(
      'fund',
      'claim',
      'approve',
      String(filed.claimId),
      '--member',
      String(worker.memberId),
      '--by',
      'sokha',
    );
    expect(tooLate.code).toBe(2);
    expect(tooLate.err).toMatch(/is withdrawn, so "approve" is not possible/);
  }, 120_000);

  it('pays an approved claim: payment run, bank file, reconciliation', async () => {
    const filed = JSON.parse(
      (
        await run(
          'fund',
          'claim',
          'submit',
          '--member',
          String(memberId),
          '--benefit',
          'childbirth_allowance',
          '--month',
          '2025-12',
          '--event-date',
          '2025-12-05',
          '--fact',
          'number_of_babies=1',
          '--fact',
          'childbirth_reported_to_nssf=true',
          '--evidence',
          'birth_certificate:BC-78',
          '--json',
        )
      ).out,
    );
    for (const action of ['review', 'approve'])
      expect(
        (await run('fund', 'claim', action, String(filed.claimId), '--member', String(memberId))).code,
      ).toBe(0);
    const held = JSON.parse((await run('fund', 'pay', '2025-12', '--json')).out);
    expect(held).toMatchObject({ dues: 1, instructions: 0, held: 1, dueByBranch: { maternity: 400_000 } });
    expect(
      (
        await run(
          'fund',
          'payee',
          '--member',
          String(memberId),
          '--bank',
          'ACLEDA',
          '--account',
          '12-34',
          '--name',
          'Dara',
        )
      ).out,
    ).toMatch(/ACLEDA 12-34/);
    const file = join(tmp, 'pay-2026-01.csv');
    const paid = await run('fund', 'pay', '2026-01', '--out', file);
    expect(paid.out).toMatch(/1 instructions for 400,000 riel; 0 held/);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const key = lines[1]!.split(',')[0]!;
    const bad = join(tmp, 'return-bad.csv');
    writeFileSync(bad, `instruction_key,amount_khr,status,settled_on\n${key},400000,lost,2025-12-19\n`);
    const refused = await run('fund', 'reconcile', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/1 problem\(s\)[\s\S]*row 2, status: "lost" is not paid, failed or reversed/);
    const good = join(tmp, 'return.csv');
    writeFileSync(
      good,
      `instruction_key,amount_khr,status,settled_on,bank_reference\n${key},400000,paid,2025-12-19,AC-1\n`,
    );
    expect((await run('fund', 'reconcile', good)).out).toMatch(/1 paid \(400,000 riel\)/);
    expect((await run('fund', 'check')).out).not.toContain('FAIL');
  }, 120_000);
});
