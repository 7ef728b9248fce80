/**
 * @module merger/totalise-insured-periods
 * Totalisation of insured periods across the three legacy funds (the C102 principle that periods
 * completed under several schemes add up): for one member, the months of each branch from every
 * legacy record linked to that member, each calendar month counted once however many records
 * hold it, with the registers that hold it kept as the month's source.
 */

import { monthIndex, monthText } from './import/legacy-dates.js';
import type { Branch, LegacySource } from './legacy-formats.js';
import { BRANCHES, LEGACY_SOURCES } from './legacy-formats.js';

export interface SpellInput {
  source: LegacySource;
  branch: Branch;
  /** `YYYY-MM`, inclusive. */
  from: string;
  to: string;
}

export interface InsuredPeriod {
  branch: Branch;
  /** `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  months: number;
  /** The registers that hold every month of this period, in `LEGACY_SOURCES` order. */
  sources: LegacySource[];
}

/**
 * The member's insured periods: per branch, maximal runs of consecutive months held by the same
 * set of registers, in branch then calendar order. The sum of `months` over a branch is the
 * number of distinct months of that branch.
 */
export function totaliseInsuredPeriods(spells: readonly SpellInput[]): InsuredPeriod[] {
  const out: InsuredPeriod[] = [];
  for (const branch of BRANCHES) {
    const ofBranch = spells.filter((s) => s.branch === branch);
    if (ofBranch.length === 0) continue;
    // Boundaries: each spell opens at `from` and closes after `to`. Between two consecutive
    // boundaries the covering set of registers does not change.
    const events: { at: number; bit: number; delta: 1 | -1 }[] = [];
    for (const s of ofBranch) {
      const bit = 1 << LEGACY_SOURCES.indexOf(s.source);
      events.push({ at: monthIndex(s.from), bit, delta: 1 }, { at: monthIndex(s.to) + 1, bit, delta: -1 });
    }
    events.sort((a, b) => a.at - b.at);
    const open = new Int32Array(LEGACY_SOURCES.length);
    let current: InsuredPeriod | null = null;
    let currentMask = 0;
    for (let i = 0; i < events.length; ) {
      const at = events[i]!.at;
      for (; i < events.length && events[i]!.at === at; i++) {
        const e = events[i]!;
        open[31 - Math.clz32(e.bit)]! += e.delta;
      }
      let mask = 0;
      for (let k = 0; k < open.length; k++) if (open[k]! > 0) mask |= 1 << k;
      if (mask === currentMask) continue;
      if (current) {
        current.to = monthText(at - 1);
        current.months = at - monthIndex(current.from);
        out.push(current);
        current = null;
      }
      currentMask = mask;
      if (mask !== 0) {
        current = {
          branch,
          from: monthText(at),
          to: '',
          months: 0,
          sources: LEGACY_SOURCES.filter((_, k) => (mask & (1 << k)) !== 0),
        };
      }
    }
  }
  return out;
}

/** Distinct months per branch: what totalisation adds up for entitlement. */
export function monthsByBranch(periods: readonly InsuredPeriod[]): Record<Branch, number> {
  const totals = { employment_injury: 0, health: 0, pension: 0 };
  for (const p of periods) totals[p.branch] += p.months;
  return totals;
}
