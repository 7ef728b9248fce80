/**
 * @module assistance/targeting-report
 * How well the law's IDPoor scoring (`idpoor_score`, `idpoor_level_from_score`,
 * src/law/variables/idpoor-scoring.ts) finds the poor of a synthetic Cambodia, whose hidden truth
 * (consumption below the national poverty line) the enumerators never see. Each household's
 * questionnaire (roof, walls, land, assets, livestock, dependency) comes from the generator's
 * `households.parquet`; the law scores every household at once (columnar backend); the result is
 * set against the truth:
 * - inclusion error: households classed Poor 1 or 2 that are not poor, over those classed poor;
 * - exclusion error: poor households not classed poor, over the poor households;
 * by province and for the country, beside the same errors of the generator's own IDPoor classes.
 *
 * The synthetic questionnaire has no income item (the generator draws consumption, which an
 * enumerator cannot see), so the income points are not given: each household's income is taken
 * as at the poverty line. The dependency ratio is the generator's, over the law's threshold.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { lawNumber } from '../fund/law-value.js';
import { SamakiError } from '../kernel/errors.js';
import { parsePeriod } from '../kernel/period.js';
import { cambodiaLaw } from '../law/law.js';
import { compileColumnar, runColumnar } from '../rules/backends/columnar.js';
import { PROVINCES } from '../synth/provinces.js';

export interface TargetingCounts {
  households: number;
  poor: number;
  classedPoor: number;
  /** Classed poor but not poor. */
  included: number;
  /** Poor but not classed poor. */
  excluded: number;
  inclusionError: number;
  exclusionError: number;
}

export interface TargetingReport {
  period: string;
  lawVersion: string;
  /** The law's scoring, by province code, and the country. */
  byProvince: (TargetingCounts & { province: number; name: string })[];
  country: TargetingCounts;
  /** The generator's own IDPoor classes, for comparison. */
  generator: TargetingCounts;
  levels: { poor1: number; poor2: number; notPoor: number };
}

const INPUTS = [
  'roof_is_thatch',
  'walls_are_thatch',
  'agricultural_land_ha',
  'has_valuable_assets',
  'has_livestock',
  'income_per_person_per_day',
  'household_dependants',
  'household_working_age',
] as const;

/** The synthetic households' questionnaire as the law's input columns, with the truth beside. */
export interface Questionnaire {
  count: number;
  columns: Record<(typeof INPUTS)[number], Float64Array | Uint8Array>;
  province: Uint8Array;
  generatorLevel: Uint8Array;
  poor: Uint8Array;
}

export async function readQuestionnaire(dir: string, period: string): Promise<Questionnaire> {
  const file = join(dir, 'households.parquet');
  if (!existsSync(file)) throw new SamakiError('synth_no_data', { dir, reason: 'no households.parquet' });
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  let rows: unknown[][];
  try {
    rows = (
      await connection.runAndReadAll(`
        SELECT province, roof = 0, wall = 0, land_tenths_ha / 10.0,
               (motorbike + television + refrigerator + car) > 0, (cattle + pigs) > 0,
               dependency_x100, idpoor, poor
          FROM read_parquet('${file.replaceAll("'", "''")}') ORDER BY household_id`)
    ).getRows() as unknown[][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const n = rows.length;
  const line = lawNumber('social_assistance.idpoor.poverty_line_per_day', `${period}-01`).value;
  const columns = {
    roof_is_thatch: new Uint8Array(n),
    walls_are_thatch: new Uint8Array(n),
    agricultural_land_ha: new Float64Array(n),
    has_valuable_assets: new Uint8Array(n),
    has_livestock: new Uint8Array(n),
    income_per_person_per_day: new Float64Array(n).fill(line),
    household_dependants: new Float64Array(n),
    // The generator's ratio is dependants per 100 working-age members.
    household_working_age: new Float64Array(n).fill(100),
  };
  const q: Questionnaire = {
    count: n,
    columns,
    province: new Uint8Array(n),
    generatorLevel: new Uint8Array(n),
    poor: new Uint8Array(n),
  };
  rows.forEach((r, i) => {
    q.province[i] = Number(r[0]);
    columns.roof_is_thatch[i] = r[1] ? 1 : 0;
    columns.walls_are_thatch[i] = r[2] ? 1 : 0;
    columns.agricultural_land_ha[i] = Number(r[3]);
    columns.has_valuable_assets[i] = r[4] ? 1 : 0;
    columns.has_livestock[i] = r[5] ? 1 : 0;
    columns.household_dependants[i] = Number(r[6]);
    q.generatorLevel[i] = Number(r[7]);
    q.poor[i] = Number(r[8]);
  });
  return q;
}

/** Every household's IDPoor level by the law (columnar backend). */
export function scoreHouseholds(q: Questionnaire, period: string): Float64Array {
  const plan = compileColumnar(cambodiaLaw(), parsePeriod(period), ['idpoor_level_from_score'], INPUTS);
  const workspace = runColumnar(plan, {
    persons: { count: 0, columns: {} },
    households: { count: q.count, columns: q.columns },
  });
  return workspace.columns.idpoor_level_from_score as Float64Array;
}

export async function targetingReport(dir: string, period = '2024-05'): Promise<TargetingReport> {
  const law = cambodiaLaw();
  const q = await readQuestionnaire(dir, period);
  const { count: n, province, generatorLevel, poor } = q;
  const level = scoreHouseholds(q, period);

  const counts = (pick: (i: number) => boolean, classed: (i: number) => boolean): TargetingCounts => {
    const c = { households: 0, poor: 0, classedPoor: 0, included: 0, excluded: 0 };
    for (let i = 0; i < n; i++) {
      if (!pick(i)) continue;
      c.households++;
      const isPoor = poor[i] === 1;
      const isClassed = classed(i);
      if (isPoor) c.poor++;
      if (isClassed) c.classedPoor++;
      if (isClassed && !isPoor) c.included++;
      if (isPoor && !isClassed) c.excluded++;
    }
    return {
      ...c,
      inclusionError: c.classedPoor === 0 ? 0 : c.included / c.classedPoor,
      exclusionError: c.poor === 0 ? 0 : c.excluded / c.poor,
    };
  };
  const byLaw = (i: number) => level[i]! > 0;
  const byProvince = PROVINCES.map((pr) => ({
    province: pr.code,
    name: pr.name,
    ...counts((i) => province[i] === pr.code, byLaw),
  })).filter((r) => r.households > 0);
  let poor1 = 0;
  let poor2 = 0;
  for (let i = 0; i < n; i++) {
    if (level[i] === 1) poor1++;
    else if (level[i] === 2) poor2++;
  }
  return {
    period,
    lawVersion: law.version,
    byProvince,
    country: counts(() => true, byLaw),
    generator: counts(
      () => true,
      (i) => generatorLevel[i]! > 0,
    ),
    levels: { poor1, poor2, notPoor: n - poor1 - poor2 },
  };
}
