/**
 * @module merger/read-ground-truth
 * The generator's hidden truth (`truth/ground_truth.csv`, see `legacy-formats.ts`): the true
 * person of each legacy record, read only to measure the linkage (precision, recall, F1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUND_TRUTH } from './legacy-formats.js';
import type { LegacyRecord } from './legacy-record.js';

const keyOf = (source: string, recordId: string): string => `${source}\u0000${recordId}`;

/** The true person of every record, when the folder has the generator's ground truth. */
export function readGroundTruth(fromDir: string, records: readonly LegacyRecord[]): Int32Array | null {
  const path = join(fromDir, GROUND_TRUTH.folder, GROUND_TRUTH.file);
  if (!existsSync(path)) return null;
  const personOf = new Map<string, number>();
  const text = readFileSync(path, 'utf8');
  let start = text.indexOf('\n') + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    const c1 = line.indexOf(',');
    const c2 = line.lastIndexOf(',');
    if (c1 > 0 && c2 > c1)
      personOf.set(keyOf(line.slice(0, c1), line.slice(c1 + 1, c2)), Number(line.slice(c2 + 1)));
    start = end + 1;
  }
  const truth = new Int32Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const p = personOf.get(keyOf(records[i]!.source, records[i]!.recordId));
    // A record the truth does not know counts as its own person.
    truth[i] = p === undefined ? -1 - i : p;
  }
  return truth;
}
