/**
 * The targeting report on a small synthetic Cambodia: every household is scored once, the counts
 * add up by province, the errors follow their definitions, and the law's class of a sample of
 * households, recomputed one by one by the explaining backend from the same questionnaire, is the
 * class the report counted.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../kernel/period.js';
import { cambodiaLaw } from '../law/law.js';
import { explain } from '../rules/backends/explain.js';
import { parseSituation } from '../rules/situation/situation.js';
import { generateSynth } from '../synth/generate.js';
import { type TargetingReport, targetingReport } from './targeting-report.js';

describe('samaki assistance targeting-report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samaki-targeting-'));
  let report: TargetingReport;
  let rows: unknown[][];
  beforeAll(async () => {
    await generateSynth({ seed: 3, scale: 0.0003, out: dir });
    report = await targetingReport(dir, '2024-05');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    rows = (
      await connection.runAndReadAll(`
        SELECT roof = 0, wall = 0, land_tenths_ha / 10.0, (motorbike + television + refrigerator + car) > 0,
               (cattle + pigs) > 0, dependency_x100, poor
          FROM read_parquet('${join(dir, 'households.parquet')}') ORDER BY household_id`)
    ).getRows() as unknown[][];
    connection.closeSync();
    instance.closeSync();
  }, 120_000);

  it('counts every household once, by province, with the errors as defined', () => {
    const c = report.country;
    expect(c.households).toBe(rows.length);
    expect(report.byProvince.reduce((s, p) => s + p.households, 0)).toBe(c.households);
    expect(report.byProvince.reduce((s, p) => s + p.excluded, 0)).toBe(c.excluded);
    expect(c.poor).toBe(rows.filter((r) => Number(r[6]) === 1).length);
    expect(report.levels.poor1 + report.levels.poor2).toBe(c.classedPoor);
    expect(c.included).toBeLessThanOrEqual(c.classedPoor);
    expect(c.inclusionError).toBeCloseTo(c.included / c.classedPoor, 12);
    expect(c.exclusionError).toBeCloseTo(c.excluded / c.poor, 12);
    expect(report.generator.households).toBe(c.households);
  });

  it('classes each household as the law explains it, one by one', () => {
    const law = cambodiaLaw();
    let poor1 = 0;
    let poor2 = 0;
    rows.forEach((r, i) => {
      const situation = parseSituation(law, {
        persons: { [`p${i}`]: {} },
        households: {
          [`h${i}`]: {
            members: [`p${i}`],
            roof_is_thatch: Boolean(r[0]),
            walls_are_thatch: Boolean(r[1]),
            agricultural_land_ha: Number(r[2]),
            has_valuable_assets: Boolean(r[3]),
            has_livestock: Boolean(r[4]),
            income_per_person_per_day: 10_951,
            household_dependants: Number(r[5]),
            household_working_age: 100,
          },
        },
      });
      const level = explain(law, situation, 'idpoor_level_from_score', parsePeriod('2024-05')).results[0]!
        .value;
      if (level === 1) poor1++;
      if (level === 2) poor2++;
    });
    expect({ poor1, poor2 }).toEqual({ poor1: report.levels.poor1, poor2: report.levels.poor2 });
    expect(poor1 + poor2).toBeGreaterThan(0);
  });
});
