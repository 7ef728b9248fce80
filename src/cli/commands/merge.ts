/**
 * @module cli/commands/merge
 * `samaki merge`, `samaki review …` and `samaki member …`: the merger of the three legacy
 * registers and the clerical work after it. Thin: open the database, call a merger service, print.
 */
import { resolve } from 'node:path';
import { SamakiError } from '../../kernel/errors.js';
import {
  decideReview,
  listReviews,
  type MemberView,
  memberOfLegacyRecord,
  type ReviewItem,
  showMember,
  showReview,
  splitMember,
} from '../../merger/member-register.js';
import { mergeRegisters } from '../../merger/merge-registers.js';
import type { Io } from '../io.js';
import { withDatabase } from '../with-database.js';

export async function mergeCommand(
  io: Io,
  options: { from: string; data?: string; by: string; json?: boolean },
): Promise<void> {
  const from = resolve(io.cwd, options.from);
  const report = await withDatabase(io, options.data, (database) =>
    mergeRegisters(database, from, { actor: options.by, onProgress: (m) => io.err(m) }),
  );
  if (options.json) return io.out(JSON.stringify(report));
  const lines = [
    report.unchanged
      ? `These files were merged before (run ${report.run_id}); nothing changed.`
      : `Merge run ${report.run_id} from ${report.from}`,
    `  records          ${fmt(report.records)}  (${Object.entries(report.by_source)
      .map(([s, n]) => `${s} ${fmt(n as number)}`)
      .join(', ')})`,
    `  persons          ${fmt(report.persons)}`,
    `  linked clusters  ${fmt(report.clusters)}  (records merged automatically: ${fmt(report.auto_merged)})`,
    `  clerical review  ${fmt(report.review)} pairs waiting (samaki review list)`,
    `  rejected rows    ${fmt(report.rejected_rows)}  (stored with file, row, column and reason in legacy_rejected_row)`,
    `  corrections      ${fmt(report.corrections)}  (swapped day and month, unusable ID numbers)`,
    `  insured periods  ${fmt(report.insured_periods)} from ${fmt(report.spells)} spells`,
  ];
  if (report.f1 !== undefined) {
    lines.push(
      `  against the ground truth: precision ${report.precision}, recall ${report.recall}, F1 ${report.f1}`,
    );
  }
  io.out(lines.join('\n'));
}

export async function reviewListCommand(
  io: Io,
  options: { data?: string; limit: string; status?: string; json?: boolean },
): Promise<void> {
  const status = (options.status ?? 'pending') as 'pending' | 'accepted' | 'rejected';
  if (!['pending', 'accepted', 'rejected'].includes(status))
    throw new SamakiError('cli_usage', {
      reason: `--status must be pending, accepted or rejected (got "${status}")`,
    });
  const result = await withDatabase(io, options.data, (db) =>
    listReviews(db, { limit: positive(options.limit, '--limit'), status }),
  );
  if (options.json) return io.out(JSON.stringify(result));
  io.out(
    `${fmt(result.total)} ${status} review item(s)${result.total > result.items.length ? `; the ${result.items.length} most likely matches:` : ':'}`,
  );
  for (const item of result.items) {
    io.out(
      `  #${item.id}  p=${item.probability.toFixed(3)}  ${recordLine(item.a)}  <->  ${recordLine(item.b)}`,
    );
  }
}

export async function reviewShowCommand(
  io: Io,
  id: string,
  options: { data?: string; json?: boolean },
): Promise<void> {
  const item = await withDatabase(io, options.data, (db) => showReview(db, positive(id, 'the review item')));
  io.out(options.json ? JSON.stringify(item) : renderReview(item));
}

export async function reviewDecideCommand(
  io: Io,
  decision: 'accept' | 'reject',
  id: string,
  options: { data?: string; by: string; json?: boolean },
): Promise<void> {
  const item = await withDatabase(io, options.data, (db) =>
    decideReview(db, positive(id, 'the review item'), decision, options.by),
  );
  io.out(
    options.json
      ? JSON.stringify(item)
      : `Review item #${item.id} ${item.status} by ${item.decided_by} at ${item.decided_at}. Records now belong to member ${item.a.member_id}${item.a.member_id === item.b.member_id ? '' : ` and ${item.b.member_id}`}.`,
  );
}

export async function memberShowCommand(
  io: Io,
  id: string,
  options: { data?: string; json?: boolean },
): Promise<void> {
  const view = await withDatabase(io, options.data, async (db) =>
    showMember(db, id.includes(':') ? await memberOfLegacyRecord(db, id) : positive(id, 'the member')),
  );
  io.out(options.json ? JSON.stringify(view) : renderMember(view));
}

export async function memberSplitCommand(
  io: Io,
  id: string,
  options: { data?: string; records: string[]; by: string; json?: boolean },
): Promise<void> {
  const records = options.records
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean);
  const created = await withDatabase(io, options.data, (db) =>
    splitMember(db, positive(id, 'the member'), records, options.by),
  );
  io.out(
    options.json
      ? JSON.stringify({ member_id: Number(id), new_member_id: created })
      : `Member ${id} split: ${records.join(', ')} now belong to the new member ${created}.`,
  );
}

function renderReview(item: ReviewItem): string {
  const lines = [
    `Review item #${item.id} (${item.status}${item.decided_by ? ` by ${item.decided_by} at ${item.decided_at}` : ''}): match probability ${item.probability.toFixed(4)}, score ${item.score.toFixed(2)}`,
    `  A  ${recordLine(item.a)}  (member ${item.a.member_id})`,
    `  B  ${recordLine(item.b)}  (member ${item.b.member_id})`,
    '  evidence, field by field (weight = log2(m/u); missing values weigh 0):',
  ];
  for (const e of item.evidence as {
    field: string;
    a: unknown;
    b: unknown;
    level: string;
    weight: number;
  }[]) {
    lines.push(
      `    ${e.field.padEnd(12)} ${String(e.a ?? '—').padEnd(24)} ${String(e.b ?? '—').padEnd(24)} ${e.level.padEnd(20)} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`,
    );
  }
  lines.push(
    `  decide with: samaki review accept ${item.id} --by NAME   or   samaki review reject ${item.id} --by NAME`,
  );
  return lines.join('\n');
}

function renderMember(view: MemberView): string {
  const lines = [
    `Member ${view.member_id}${view.merged_into ? ` (merged into member ${view.merged_into})` : ''}`,
    '  legacy records (provenance):',
  ];
  for (const r of view.records) lines.push(`    ${recordLine(r)}  linked: ${r.linked_by}`);
  lines.push('  insured periods (each month once; sources = registers that hold it):');
  for (const p of view.insured_periods)
    lines.push(
      `    ${p.branch.padEnd(18)} ${p.from} .. ${p.to}  ${String(p.months).padStart(4)} months  ${p.sources}`,
    );
  lines.push(
    `  months by branch: ${Object.entries(view.months_by_branch)
      .map(([b, n]) => `${b} ${n}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

function recordLine(r: {
  source: string;
  record_id: string;
  name_khmer: string | null;
  name_latin: string | null;
  sex: string | null;
  birth_date: string | null;
  national_id: string | null;
}): string {
  return `${r.source}:${r.record_id} ${[r.name_khmer, r.name_latin].filter(Boolean).join(' / ')} ${r.sex ?? '?'} ${r.birth_date ?? '????-??-??'} ID ${r.national_id ?? '—'}`;
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new SamakiError('cli_usage', { reason: `${what} must be a positive whole number (got "${text}")` });
  return n;
}

const fmt = (n: number): string => n.toLocaleString('en');
