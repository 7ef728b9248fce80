import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegacyRecord } from '../legacy-record.js';
import { FIELDS } from './comparators.js';
import { deterministicBaseline } from './deterministic-baseline.js';
import { evaluateLinkage } from './evaluate-linkage.js';
import { explainPair } from './explain-score.js';
import { type LinkOptions, linkRecords, orderByDecreasing } from './link-records.js';
import { awkwardRecords, referenceLinkage } from './test-support/reference-linkage.js';
import { syntheticRegisters } from './test-support/synthetic-people.js';

const base: LegacyRecord = {
  source: 'nssf',
  recordId: '',
  row: 2,
  nameKhmer: 'សុខ ដារ៉ា',
  nameLatin: 'SOK DARA',
  sex: 'M',
  birthDate: '1980-03-07',
  nationalId: '123456789',
};

describe('deterministicBaseline', () => {
  it('joins the same ID, or the same normalised name, birth date and sex', () => {
    const records: LegacyRecord[] = [
      base,
      { ...base, nameLatin: 'Chan Sophea', nameKhmer: null, birthDate: null }, // same ID
      { ...base, nationalId: null, nameLatin: 'sok  dara' }, // same name + date + sex
      { ...base, nationalId: null, nameLatin: 'SOKH DARA', nameKhmer: null }, // variant: not joined
      { ...base, nationalId: '999999999', sex: 'F', nameKhmer: null }, // other sex: not joined
    ];
    const { clusterOf, clusterCount } = deterministicBaseline(records);
    expect(clusterOf[1]).toBe(clusterOf[0]);
    expect(clusterOf[2]).toBe(clusterOf[0]);
    expect(clusterOf[3]).not.toBe(clusterOf[0]);
    expect(clusterOf[4]).not.toBe(clusterOf[0]);
    expect(clusterCount).toBe(3);
  });
});

describe('linkRecords', () => {
  const { records, personOf } = syntheticRegisters({ people: 6000, seed: 3 });
  const result = linkRecords(records, { estimation: { uSampleSize: 200_000 } });

  it('links a small synthetic population with F1 above 0.95 and above the deterministic baseline', () => {
    const model = evaluateLinkage(result.clusterOf, personOf);
    const baseline = evaluateLinkage(deterministicBaseline(records).clusterOf, personOf);
    expect(model.truePairs).toBeGreaterThan(300);
    expect(model.precision).toBeGreaterThan(0.99);
    expect(model.f1).toBeGreaterThan(0.95);
    expect(model.f1).toBeGreaterThan(baseline.f1);
  });

  it('reports the model, the blocking and the timings', () => {
    const { model, stats } = result;
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeGreaterThan(1);
    expect(Number.isFinite(model.logLikelihood)).toBe(true);
    expect(model.fields.map((f) => f.field)).toEqual(FIELDS.map((f) => f.name));
    // Exact agreement is evidence for a match, disagreement against.
    const id = model.fields[3]!;
    expect(id.weight[1]).toBeGreaterThan(10);
    expect(id.weight[3]).toBeLessThan(-3);
    expect(model.fields[1]!.weight[1]).toBeGreaterThan(5);
    expect(stats.candidatePairs).toBeGreaterThan(0);
    expect(stats.blocking.reduce((s, r) => s + r.newPairs, 0)).toBe(stats.candidatePairs);
    expect(stats.autoPairs).toBe(result.autoPairs.count);
    expect(stats.timingsMs.total).toBeGreaterThanOrEqual(0);
    expect(result.clusterCount).toBe(new Set(result.clusterOf).size);
  });

  it('merges every auto pair and none of the pairs only up for review', () => {
    const { autoPairs, reviewPairs, clusterOf } = result;
    for (let k = 0; k < autoPairs.count; k++) {
      expect(autoPairs.probability[k]).toBeGreaterThanOrEqual(0.99);
      expect(clusterOf[autoPairs.left[k]!]).toBe(clusterOf[autoPairs.right[k]!]);
    }
    for (let k = 0; k < reviewPairs.count; k++) {
      const same = clusterOf[reviewPairs.left[k]!] === clusterOf[reviewPairs.right[k]!];
      expect(reviewPairs.sameCluster[k]).toBe(same ? 1 : 0);
      if (reviewPairs.reason[k] === 0) expect(reviewPairs.probability[k]).toBeLessThan(0.99);
      if (k > 0) expect(reviewPairs.probability[k]).toBeLessThanOrEqual(reviewPairs.probability[k - 1]!);
    }
  });

  it('explains a score field by field, the weights adding up', () => {
    expect(result.reviewExplanations.length).toBe(Math.min(result.reviewPairs.count, 10_000));
    const k = 0;
    const explanation = result.explain(result.autoPairs.left[k]!, result.autoPairs.right[k]!);
    expect(explanation.fields.map((f) => f.field)).toEqual([
      'name',
      'birthDate',
      'sex',
      'nationalId',
      'history',
    ]);
    const sum = explanation.fields.reduce((s, f) => s + f.weight, 0);
    expect(explanation.weight).toBeCloseTo(sum, 9);
    expect(explanation.weight).toBeCloseTo(result.autoPairs.weight[k]!, 9);
    expect(explanation.probability).toBeCloseTo(result.autoPairs.probability[k]!, 9);
    for (const f of explanation.fields) {
      if (f.level === 0) expect(f.weight).toBe(0);
      else expect(f.weight).toBeCloseTo(Math.log2(f.m! / f.u!) + f.termFrequencyAdjustment, 9);
    }
  });

  it('explains any two records, with their values as written', () => {
    const e = explainPair(result.model, base, { ...base, birthDate: '1980-07-03', nationalId: null });
    expect(e.fields[1]).toMatchObject({
      field: 'birthDate',
      left: '1980-03-07',
      right: '1980-07-03',
      levelName: 'day and month swapped',
    });
    expect(e.fields[3]).toMatchObject({ field: 'nationalId', level: 0, weight: 0, m: null, u: null });
    expect(e.fields[0]!.left).toBe('សុខ ដារ៉ា / SOK DARA');
  });

  it('keeps different people with the same name and date apart when their IDs differ', () => {
    const twins = linkRecords(
      [
        ...records.slice(0, 2000),
        { ...base, recordId: 'x1' },
        { ...base, recordId: 'x2', nationalId: '987654321' },
      ],
      { estimation: { uSampleSize: 100_000 } },
    );
    expect(twins.clusterOf[2000]).not.toBe(twins.clusterOf[2001]);
  });

  it('handles no records, one record and no candidate pairs', () => {
    expect(linkRecords([]).clusterCount).toBe(0);
    const one = linkRecords([base]);
    expect(Array.from(one.clusterOf)).toEqual([0]);
    const two = linkRecords([
      base,
      { ...base, nameKhmer: 'ចាន់ សុផា', nameLatin: null, nationalId: null, birthDate: '1990-01-01' },
    ]);
    expect(two.clusterCount).toBe(2);
    expect(two.stats.candidatePairs).toBe(0);
  });
});

describe('linkRecords against the plain reference', () => {
  // Synthetic registers, awkward records, and namesakes born the same day whose IDs conflict
  // (auto pairs the ID guard refuses).
  const { records: synthetic } = syntheticRegisters({ people: 5000, seed: 8 });
  const namesakes: LegacyRecord[] = ['123456789', '987654321', '123456789', '555555555', null].map(
    (nationalId, k) => ({ ...base, recordId: `n${k}`, nationalId }),
  );
  const records = [...synthetic, ...awkwardRecords(), ...namesakes];

  it.each([
    ['the defaults', {}],
    ['other thresholds', { thresholds: { autoMerge: 0.95, review: 0.2 } }],
    ['low thresholds (the ID guard refuses pairs)', { thresholds: { autoMerge: 0.6, review: 0.1 } }],
    ['equal thresholds', { thresholds: { autoMerge: 0.9, review: 0.9 } }],
    ['no ID guard, no frequency correction', { guardNationalIds: false, termFrequencies: false }],
    [
      'other comparison settings and rules',
      {
        comparison: { latinHigh: 0.8, latinMedium: 0.6, khmerSimilar: 0.7 },
        blocking: { rules: ['national-id', 'birth-date+sex', 'latin-name+day-month'], maxBlockSize: 50 },
      },
    ],
  ] as [string, LinkOptions][])(
    'gives the pairs, probabilities and clusters of the plain path with %s',
    (_name, options) => {
      const result = linkRecords(records, { ...options, estimation: { uSampleSize: 100_000 } });
      const expected = referenceLinkage(records, result.model, options);
      if (options.thresholds?.autoMerge === 0.6) expect(expected.refusedPairs).toBeGreaterThan(0);
      expect(result.stats.candidatePairs).toBe(expected.candidatePairs);
      expect(result.stats.refusedPairs).toBe(expected.refusedPairs);
      expect(result.clusterCount).toBe(expected.clusterCount);
      expect(Array.from(result.clusterOf)).toEqual(Array.from(expected.clusterOf));
      const { autoPairs, reviewPairs } = result;
      expect({
        left: Array.from(autoPairs.left),
        right: Array.from(autoPairs.right),
        probability: Array.from(autoPairs.probability),
        weight: Array.from(autoPairs.weight),
        pattern: Array.from(autoPairs.pattern),
      }).toEqual(expected.auto);
      expect({
        left: Array.from(reviewPairs.left),
        right: Array.from(reviewPairs.right),
        probability: Array.from(reviewPairs.probability),
        weight: Array.from(reviewPairs.weight),
        pattern: Array.from(reviewPairs.pattern),
        reason: Array.from(reviewPairs.reason),
        sameCluster: Array.from(reviewPairs.sameCluster),
      }).toEqual(expected.review);
    },
  );
});

describe('orderByDecreasing', () => {
  it('orders as sorting by decreasing value, then by position', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, 0.5, 0.99, 1, Number.MIN_VALUE, 0.1 + 0.2, 0.3),
            fc.double({ min: 0, max: 1e300, noNaN: true }),
          ),
          { maxLength: 400 },
        ),
        (values) => {
          const expected = values.map((_, k) => k).sort((x, y) => values[y]! - values[x]! || x - y);
          expect(Array.from(orderByDecreasing(Float64Array.from(values)))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
