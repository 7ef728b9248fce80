import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthIndex, monthText } from './import/legacy-dates.js';
import { BRANCHES, LEGACY_SOURCES } from './legacy-formats.js';
import { monthsByBranch, type SpellInput, totaliseInsuredPeriods } from './totalise-insured-periods.js';

describe('totaliseInsuredPeriods', () => {
  it('counts overlapping months once and keeps every register that holds them', () => {
    const periods = totaliseInsuredPeriods([
      // Two NSSF records of one worker (re-registered) overlapping in 2023-01..03.
      { source: 'nssf', branch: 'pension', from: '2022-10', to: '2023-03' },
      { source: 'nssf', branch: 'pension', from: '2023-01', to: '2025-12' },
      // Veteran service, then civil service overlapping for six months.
      { source: 'nfv', branch: 'pension', from: '1993-01', to: '1998-12' },
      { source: 'nssf-c', branch: 'pension', from: '1998-07', to: '2005-06' },
      { source: 'nssf', branch: 'health', from: '2016-01', to: '2016-12' },
    ]);
    expect(periods).toEqual([
      { branch: 'health', from: '2016-01', to: '2016-12', months: 12, sources: ['nssf'] },
      { branch: 'pension', from: '1993-01', to: '1998-06', months: 66, sources: ['nfv'] },
      { branch: 'pension', from: '1998-07', to: '1998-12', months: 6, sources: ['nssf-c', 'nfv'] },
      { branch: 'pension', from: '1999-01', to: '2005-06', months: 78, sources: ['nssf-c'] },
      { branch: 'pension', from: '2022-10', to: '2025-12', months: 39, sources: ['nssf'] },
    ]);
    expect(monthsByBranch(periods)).toEqual({ employment_injury: 0, health: 12, pension: 66 + 6 + 78 + 39 });
  });

  it('joins adjacent spells of the same register into one period', () => {
    expect(
      totaliseInsuredPeriods([
        { source: 'nssf', branch: 'employment_injury', from: '2010-01', to: '2010-06' },
        { source: 'nssf', branch: 'employment_injury', from: '2010-07', to: '2010-12' },
      ]),
    ).toEqual([
      { branch: 'employment_injury', from: '2010-01', to: '2010-12', months: 12, sources: ['nssf'] },
    ]);
  });

  it('agrees with counting month by month (property)', () => {
    const spell = fc
      .record({
        source: fc.constantFrom(...LEGACY_SOURCES),
        branch: fc.constantFrom(...BRANCHES),
        start: fc.integer({ min: monthIndex('2008-01'), max: monthIndex('2025-12') }),
        length: fc.integer({ min: 1, max: 60 }),
      })
      .map(
        (s): SpellInput => ({
          source: s.source,
          branch: s.branch,
          from: monthText(s.start),
          to: monthText(s.start + s.length - 1),
        }),
      );
    fc.assert(
      fc.property(fc.array(spell, { maxLength: 12 }), (spells) => {
        const periods = totaliseInsuredPeriods(spells);
        for (const branch of BRANCHES) {
          const expected = new Map<number, Set<string>>();
          for (const s of spells.filter((x) => x.branch === branch)) {
            for (let m = monthIndex(s.from); m <= monthIndex(s.to); m++) {
              const set = expected.get(m) ?? new Set();
              set.add(s.source);
              expected.set(m, set);
            }
          }
          const actual = new Map<number, string>();
          for (const p of periods.filter((x) => x.branch === branch)) {
            expect(p.months).toBe(monthIndex(p.to) - monthIndex(p.from) + 1);
            for (let m = monthIndex(p.from); m <= monthIndex(p.to); m++) {
              expect(actual.has(m)).toBe(false);
              actual.set(m, p.sources.join(','));
            }
          }
          expect(actual.size).toBe(expected.size);
          for (const [m, sources] of expected) {
            expect(actual.get(m)).toBe(LEGACY_SOURCES.filter((s) => sources.has(s)).join(','));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
