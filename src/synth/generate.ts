/**
 * @module synth/generate
 * `generateSynth`: the whole synthetic Cambodia from a seed and a scale, written to a folder.
 * The same seed and scale give byte-identical files (no clock, no `Math.random`, fixed zip
 * times in the workbook, no timings in the manifest).
 *
 * Output:
 * - `persons.parquet`, `households.parquet`, `employers.parquet`, `careers.parquet`: numeric
 *   columns for simulation (one per variable);
 * - `persons_registry.parquet`, `employers_registry.parquet`: names, ID numbers, dates;
 * - `nssf/`, `nssf-c/`, `nfv/`: the legacy registers (`src/merger/legacy-formats.ts`);
 * - `truth/ground_truth.csv`: the true person of every legacy record;
 * - `manifest.json`: seed, scale, reference month, counts, columns, error rates, calibration.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { luhnCheckDigit } from '../merger/legacy-formats.js';
import {
  CAREERS_START,
  monthCode,
  monthNumberOf,
  monthOf,
  REFERENCE_MONTH,
  yearOfMonth,
  ymdOf,
} from './calendar.js';
import { type CalibrationRow, computeCalibration } from './calibration.js';
import { type Employers, employerName, generateEmployers } from './employers.js';
import { type ErrorRates, errorRates } from './error-rates.js';
import { FAMILY_NAMES, GIVEN_NAME_COUNT, GIVEN_NAMES } from './names.js';
import { type ParquetColumn, writeParquet } from './parquet.js';
import { generatePopulation } from './population.js';
import {
  assignDomesticEmployers,
  assignNationalIds,
  generateWelfare,
  PMT_POINTS,
  type Welfare,
} from './poverty.js';
import { rngFor } from './random.js';
import { HC_START, PEN_START, type RegistersResult, writeRegisters } from './registers.js';
import { POPULATION_2025, RIEL_PER_USD } from './targets.js';
import { GARMENT_MINIMUM_WAGE_USD, wageAt } from './wages.js';
import { generateWork, SPELL_KIND, type Spells, type Work } from './work.js';
import { type Households, NO_DAY, NONE, type Persons, SECTOR } from './world.js';

/** Bumped when the same seed and scale would give different files. */
export const SYNTH_VERSION = '1.0.0';

export type SynthOptions = {
  seed: number;
  scale: number;
  out: string;
  errorRates?: Partial<ErrorRates>;
  /** Called as each stage starts (for a progress bar). */
  onStage?: (stage: string, index: number, stages: number) => void;
};

export type FileDescription = {
  rows: number;
  columns: Array<{ name: string; type: string; description: string }>;
};

export type Manifest = {
  generator: string;
  generatorVersion: string;
  seed: number;
  scale: number;
  referenceMonth: string;
  population: string;
  currency: string;
  counts: Record<string, number>;
  formalEmploymentHistory: Record<string, number>;
  registers: RegistersResult;
  errorRates: ErrorRates;
  files: Record<string, FileDescription>;
  codes: Record<string, Record<string, string>>;
  calibration: CalibrationRow[];
};

export const MANIFEST_FILE = 'manifest.json';

const STAGES = [
  'population',
  'employers',
  'work and careers',
  'poverty and IDs',
  'columnar files',
  'legacy registers',
  'calibration',
] as const;

export async function generateSynth(options: SynthOptions): Promise<{ manifest: Manifest }> {
  const { seed, scale, out } = options;
  const rates = errorRates(options.errorRates);
  const stage = (name: (typeof STAGES)[number]) =>
    options.onStage?.(name, STAGES.indexOf(name), STAGES.length);
  mkdirSync(out, { recursive: true });

  stage('population');
  const { persons, households } = generatePopulation(seed, scale);
  stage('employers');
  const employers = generateEmployers(seed, scale);
  stage('work and careers');
  const { work, spells } = generateWork(seed, scale, persons, households, employers);
  stage('poverty and IDs');
  const welfare = generateWelfare(seed, persons, households, work, scale);
  assignNationalIds(seed, persons, welfare);
  assignDomesticEmployers(seed, persons, households, welfare, work);

  stage('columnar files');
  const months = branchMonths(persons, employers, spells);
  const files: Record<string, FileDescription> = {};
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const write = async (file: string, rows: number, columns: ParquetColumn[]) => {
      await writeParquet(connection, join(out, file), rows, columns);
      files[file] = {
        rows,
        columns: columns.map((c) => ({
          name: c.name,
          type: c.storedType ?? c.type,
          description: c.description,
        })),
      };
    };
    await write('persons.parquet', persons.count, personColumns(persons, work, welfare, months));
    await write('households.parquet', households.count, householdColumns(households, persons, welfare));
    await write('employers.parquet', employers.count, employerColumns(employers, spells));
    await write('careers.parquet', spells.count, careerColumns(spells, employers));
    await write('persons_registry.parquet', persons.count, personRegistryColumns(persons));
    await write('employers_registry.parquet', employers.count, employerRegistryColumns(employers, seed));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }

  stage('legacy registers');
  const registers = await writeRegisters(out, { persons, employers, work, spells }, seed, rates);

  stage('calibration');
  const calibration = computeCalibration({ persons, households, employers, work, welfare, registers }, scale);
  const manifest: Manifest = {
    generator: 'samaki synth',
    generatorVersion: SYNTH_VERSION,
    seed,
    scale,
    referenceMonth: '2025-12',
    population: `2019 census 15,552,221 grown 1.4 % a year to 2025-12-31: ${POPULATION_2025.toLocaleString('en-US')} at scale 1 (REFERENCE.md §7.1)`,
    currency: `riel; US dollar amounts converted at ${RIEL_PER_USD} riel per dollar (REFERENCE.md §7.2)`,
    counts: counts(persons, households, employers, work, spells),
    formalEmploymentHistory: formalHistory(spells, employers),
    registers,
    errorRates: rates,
    files,
    codes: CODES,
    calibration,
  };
  writeFileSync(join(out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest };
}

const CODES: Record<string, Record<string, string>> = {
  sex: { '1': 'male', '2': 'female' },
  relation: {
    '0': 'head',
    '1': 'spouse',
    '2': 'child',
    '3': 'grandchild',
    '4': 'parent',
    '5': 'other relative',
  },
  work_status: {
    '0': 'not working',
    '1': 'private-sector employee',
    '2': 'civil servant',
    '3': 'domestic worker',
    '4': 'casual worker',
    '5': 'self-employed',
    '6': 'retired (pension)',
  },
  sector: {
    '0': 'none',
    '1': 'garment and footwear',
    '2': 'construction',
    '3': 'tourism',
    '4': 'other private',
    '5': 'public service',
    '6': 'agriculture',
    '7': 'households (domestic work)',
  },
  career_kind: {
    '1': 'private employment',
    '2': 'civil service',
    '3': 'military or police service (veteran)',
  },
  area: { '0': 'Phnom Penh', '1': 'other urban', '2': 'rural' },
  idpoor: { '0': 'not poor', '1': 'IDPoor level 1', '2': 'IDPoor level 2' },
  disability: { '0': 'none', '1': 'moderate', '2': 'severe' },
  roof: { '0': 'thatch or leaves', '1': 'metal or fibre-cement sheets', '2': 'tiles', '3': 'concrete' },
  wall: {
    '0': 'thatch, bamboo or palm',
    '1': 'wood or plywood',
    '2': 'metal sheets',
    '3': 'brick or concrete',
  },
  pmt_points: Object.fromEntries(Object.entries(PMT_POINTS).map(([k, v]) => [k, JSON.stringify(v)])),
  garment_minimum_wage_usd: Object.fromEntries(
    GARMENT_MINIMUM_WAGE_USD.map((s) => [
      `${yearOfMonth(s.from)}-${String(monthNumberOf(s.from)).padStart(2, '0')}`,
      `${s.usd} (${s.source})`,
    ]),
  ),
};

type BranchMonths = {
  or: Uint16Array;
  hc: Uint16Array;
  pen: Uint16Array;
  civil: Uint16Array;
  military: Uint16Array;
};

/** Months of registered private employment per branch, of civil and of military service, by person. */
function branchMonths(persons: Persons, employers: Employers, spells: Spells): BranchMonths {
  const m: BranchMonths = {
    or: new Uint16Array(persons.count),
    hc: new Uint16Array(persons.count),
    pen: new Uint16Array(persons.count),
    civil: new Uint16Array(persons.count),
    military: new Uint16Array(persons.count),
  };
  for (let s = 0; s < spells.count; s++) {
    const p = spells.person[s]!;
    const start = spells.start[s]!;
    const end = spells.end[s]!;
    const kind = spells.kind[s]!;
    if (kind === SPELL_KIND.civilService) m.civil[p]! += end - start + 1;
    else if (kind === SPELL_KIND.military) m.military[p]! += end - start + 1;
    else {
      const reg = employers.registered[spells.employer[s]!]!;
      if (reg === NONE) continue;
      const from = Math.max(start, reg, CAREERS_START);
      if (from > end) continue;
      m.or[p]! += end - from + 1;
      if (end >= HC_START) m.hc[p]! += end - Math.max(from, HC_START) + 1;
      if (end >= PEN_START) m.pen[p]! += end - Math.max(from, PEN_START) + 1;
    }
  }
  return m;
}

/** Birth and death dates split into columns once (reused by several files). */
type Dates = {
  birthYear: Int16Array;
  birthMonth: Uint8Array;
  birthDay: Uint8Array;
  deathYear: Int16Array;
  deathMonth: Uint8Array;
};

function splitDates(persons: Persons): Dates {
  const d: Dates = {
    birthYear: new Int16Array(persons.count),
    birthMonth: new Uint8Array(persons.count),
    birthDay: new Uint8Array(persons.count),
    deathYear: new Int16Array(persons.count),
    deathMonth: new Uint8Array(persons.count),
  };
  for (let p = 0; p < persons.count; p++) {
    const b = ymdOf(persons.birthDay[p]!);
    d.birthYear[p] = b.year;
    d.birthMonth[p] = b.month;
    d.birthDay[p] = b.day;
    if (persons.deathDay[p] !== NO_DAY) {
      const x = ymdOf(persons.deathDay[p]!);
      d.deathYear[p] = x.year;
      d.deathMonth[p] = x.month;
    }
  }
  return d;
}

function personColumns(
  persons: Persons,
  work: Work,
  welfare: Welfare,
  months: BranchMonths,
): ParquetColumn[] {
  const dates = splitDates(persons);
  const hh = persons.household;
  const ofHousehold = (values: ArrayLike<number>) => (p: number) => (hh[p] === NONE ? null : values[hh[p]!]!);
  const plusOne = (values: Int32Array) => (p: number) => (values[p] === NONE ? null : values[p]! + 1);
  return [
    {
      name: 'person_id',
      type: 'INTEGER',
      description: 'person (1-based; the registry file has the names)',
      get: (p) => p + 1,
    },
    {
      name: 'household_id',
      type: 'INTEGER',
      description: 'household (NULL for persons who died since 2008)',
      get: plusOne(hh),
    },
    {
      name: 'relation',
      type: 'UTINYINT',
      description: 'relation to the household head (codes.relation; NULL for the deceased)',
      values: persons.relation,
      none: 9,
    },
    { name: 'sex', type: 'UTINYINT', description: '1 male, 2 female', values: persons.sex },
    { name: 'birth_year', type: 'SMALLINT', description: 'year of birth', values: dates.birthYear },
    { name: 'birth_month', type: 'UTINYINT', description: 'month of birth', values: dates.birthMonth },
    { name: 'birth_day', type: 'UTINYINT', description: 'day of birth', values: dates.birthDay },
    {
      name: 'age',
      type: 'UTINYINT',
      description: 'completed years on 2025-12-31, or at death',
      values: persons.age,
    },
    {
      name: 'alive',
      type: 'UTINYINT',
      description: '1 living in 2025-12, 0 died since 2008',
      get: (p) => (p < persons.alive ? 1 : 0),
    },
    {
      name: 'death_year',
      type: 'SMALLINT',
      description: 'year of death (NULL if living)',
      values: dates.deathYear,
      none: 0,
    },
    {
      name: 'death_month',
      type: 'UTINYINT',
      description: 'month of death (NULL if living)',
      values: dates.deathMonth,
      none: 0,
    },
    { name: 'province', type: 'UTINYINT', description: 'province (NIS code 1–25)', values: persons.province },
    { name: 'urban', type: 'UTINYINT', description: '1 urban area', values: persons.urban },
    {
      name: 'disability',
      type: 'UTINYINT',
      description: '0 none, 1 moderate, 2 severe',
      values: persons.disability,
    },
    {
      name: 'has_national_id',
      type: 'UTINYINT',
      description: '1 holds a national ID card',
      get: (p) => (persons.nationalId[p] === NONE ? 0 : 1),
    },
    {
      name: 'work_status',
      type: 'UTINYINT',
      description: 'main activity in 2025-12 (codes.work_status)',
      values: work.status,
    },
    {
      name: 'sector',
      type: 'UTINYINT',
      description: 'sector of the main activity (codes.sector)',
      values: work.sector,
    },
    {
      name: 'employer_id',
      type: 'INTEGER',
      description: 'employer of the main job in 2025-12 (NULL if none)',
      get: plusOne(work.employer),
    },
    {
      name: 'wage_khr',
      type: 'INTEGER',
      description: 'monthly wage or salary of the main job in 2025-12, riel',
      values: work.wage,
    },
    {
      name: 'second_employer_id',
      type: 'INTEGER',
      description: 'employer of a second, private job (civil servants)',
      get: plusOne(work.secondEmployer),
    },
    {
      name: 'second_wage_khr',
      type: 'INTEGER',
      description: 'monthly wage of the second job, riel',
      values: work.secondWage,
    },
    {
      name: 'self_employed_income_khr',
      type: 'INTEGER',
      description: 'monthly earnings of the self-employed and casual workers, riel',
      values: work.selfIncome,
    },
    {
      name: 'ministry',
      type: 'UTINYINT',
      description: 'ministry of a civil servant (1-based, manifest codes; 0 none)',
      values: work.ministry,
    },
    {
      name: 'civil_servant_ever',
      type: 'UTINYINT',
      description: '1 served in the civil service',
      values: work.civilServiceEver,
    },
    { name: 'veteran', type: 'UTINYINT', description: '1 veteran (NFV register)', values: work.veteran },
    {
      name: 'value_chain_lead_id',
      type: 'INTEGER',
      description: 'lead contractor or tour operator the person works for through a value chain',
      get: plusOne(work.valueChainLead),
    },
    {
      name: 'domestic_employer_household_id',
      type: 'INTEGER',
      description: 'household employing a domestic worker',
      get: plusOne(work.domesticEmployer),
    },
    {
      name: 'nssf_or_months',
      type: 'SMALLINT',
      description: 'true months of registered private employment since 2008 (occupational risk)',
      values: months.or,
    },
    {
      name: 'nssf_hc_months',
      type: 'SMALLINT',
      description: 'true months of health-care coverage as an employee (from 2016-04)',
      values: months.hc,
    },
    {
      name: 'nssf_pen_months',
      type: 'SMALLINT',
      description: 'true months of pension contributions (from 2022-10)',
      values: months.pen,
    },
    {
      name: 'civil_service_months',
      type: 'SMALLINT',
      description: 'months of civil service',
      values: months.civil,
    },
    {
      name: 'military_months',
      type: 'SMALLINT',
      description: 'months of military or police service',
      values: months.military,
    },
    {
      name: 'idpoor',
      type: 'UTINYINT',
      description: 'IDPoor class of the household (codes.idpoor)',
      get: ofHousehold(welfare.idpoor),
    },
    {
      name: 'poor',
      type: 'UTINYINT',
      description: 'household below the poverty line (hidden truth)',
      get: ofHousehold(welfare.poor),
    },
  ];
}

function householdColumns(hs: Households, persons: Persons, w: Welfare): ParquetColumn[] {
  const countOf = (h: number, test: (p: number) => boolean) => {
    let c = 0;
    for (let p = hs.first[h]!; p < hs.first[h]! + hs.size[h]!; p++) if (test(p)) c++;
    return c;
  };
  return [
    { name: 'household_id', type: 'INTEGER', description: 'household (1-based)', get: (h) => h + 1 },
    { name: 'province', type: 'UTINYINT', description: 'province (NIS code 1–25)', values: hs.province },
    { name: 'urban', type: 'UTINYINT', description: '1 urban area', values: hs.urban },
    { name: 'area', type: 'UTINYINT', description: '0 Phnom Penh, 1 other urban, 2 rural', values: w.area },
    { name: 'size', type: 'SMALLINT', description: 'members', values: hs.size },
    { name: 'head_person_id', type: 'INTEGER', description: 'household head', get: (h) => hs.head[h]! + 1 },
    {
      name: 'children_0_14',
      type: 'UTINYINT',
      description: 'members aged 0–14',
      get: (h) => countOf(h, (p) => persons.age[p]! < 15),
    },
    {
      name: 'elderly_60_plus',
      type: 'UTINYINT',
      description: 'members aged 60+',
      get: (h) => countOf(h, (p) => persons.age[p]! >= 60),
    },
    {
      name: 'disabled_members',
      type: 'UTINYINT',
      description: 'members with a disability',
      values: w.disabledMembers,
    },
    { name: 'earners', type: 'UTINYINT', description: 'members with a wage or salary', values: w.earners },
    {
      name: 'dependency_x100',
      type: 'SMALLINT',
      description: 'members <15 or 65+ per member 15–64, ×100 (999: none 15–64)',
      values: w.dependencyX100,
    },
    { name: 'roof', type: 'UTINYINT', description: 'roof material (codes.roof)', values: w.roof },
    { name: 'wall', type: 'UTINYINT', description: 'wall material (codes.wall)', values: w.wall },
    {
      name: 'land_tenths_ha',
      type: 'INTEGER',
      description: 'agricultural land, tenths of a hectare',
      values: w.landTenthsHa,
    },
    { name: 'motorbike', type: 'UTINYINT', description: 'owns a motorbike', values: w.motorbike },
    { name: 'television', type: 'UTINYINT', description: 'owns a television', values: w.television },
    { name: 'smartphone', type: 'UTINYINT', description: 'owns a smartphone', values: w.smartphone },
    { name: 'refrigerator', type: 'UTINYINT', description: 'owns a refrigerator', values: w.refrigerator },
    { name: 'car', type: 'UTINYINT', description: 'owns a car', values: w.car },
    { name: 'electricity', type: 'UTINYINT', description: 'grid electricity', values: w.electricity },
    { name: 'cattle', type: 'UTINYINT', description: 'cattle or buffalo', values: w.cattle },
    { name: 'pigs', type: 'UTINYINT', description: 'pigs', values: w.pigs },
    {
      name: 'pmt_score',
      type: 'UTINYINT',
      description: 'proxy-means-test score, higher is poorer (codes.pmt_points)',
      values: w.pmtScore,
    },
    {
      name: 'idpoor',
      type: 'UTINYINT',
      description: '0 not poor, 1 IDPoor level 1, 2 IDPoor level 2',
      values: w.idpoor,
    },
    {
      name: 'consumption_khr_per_day',
      type: 'INTEGER',
      description: 'consumption per person per day, riel (hidden truth)',
      values: w.consumption,
    },
    {
      name: 'poor',
      type: 'UTINYINT',
      description: 'below the national poverty line of 10,951 riel a day (hidden truth)',
      values: w.poor,
    },
  ];
}

function employerColumns(e: Employers, spells: Spells): ParquetColumn[] {
  const employees = new Int32Array(e.count);
  for (let s = 0; s < spells.count; s++) {
    if (spells.end[s] === REFERENCE_MONTH && spells.employer[s] !== NONE)
      employees[spells.employer[s]!]! += 1;
  }
  const month = (values: Int32Array, part: 'year' | 'month') => (i: number) =>
    values[i] === NONE ? null : part === 'year' ? yearOfMonth(values[i]!) : monthNumberOf(values[i]!);
  return [
    { name: 'employer_id', type: 'INTEGER', description: 'employer (1-based)', get: (i) => i + 1 },
    { name: 'sector', type: 'UTINYINT', description: 'codes.sector', values: e.sector },
    { name: 'province', type: 'UTINYINT', description: 'province (NIS code 1–25)', values: e.province },
    { name: 'urban', type: 'UTINYINT', description: '1 urban area', values: e.urban },
    { name: 'start_year', type: 'SMALLINT', description: 'year founded', get: month(e.start, 'year') },
    { name: 'start_month', type: 'UTINYINT', description: 'month founded', get: month(e.start, 'month') },
    {
      name: 'end_year',
      type: 'SMALLINT',
      description: 'year closed (NULL if active)',
      get: month(e.end, 'year'),
    },
    {
      name: 'end_month',
      type: 'UTINYINT',
      description: 'month closed (NULL if active)',
      get: month(e.end, 'month'),
    },
    {
      name: 'nssf_registered_year',
      type: 'SMALLINT',
      description: 'year registered with NSSF (NULL: never; ministries)',
      get: month(e.registered, 'year'),
    },
    {
      name: 'nssf_registered_month',
      type: 'UTINYINT',
      description: 'month registered with NSSF',
      get: month(e.registered, 'month'),
    },
    {
      name: 'employees_2025',
      type: 'INTEGER',
      description: 'employees in 2025-12 (second jobs included)',
      values: employees,
    },
    {
      name: 'is_value_chain_lead',
      type: 'UTINYINT',
      description: '1 lead contractor (construction) or tour operator (tourism)',
      values: e.isLead,
    },
    {
      name: 'lead_employer_id',
      type: 'INTEGER',
      description: 'lead of a subcontractor or attached tourism firm',
      get: (i) => (e.lead[i] === NONE ? null : e.lead[i]! + 1),
    },
    {
      name: 'ministry',
      type: 'UTINYINT',
      description: 'ministry number for public employers (0 otherwise)',
      values: e.ministry,
    },
  ];
}

function careerColumns(spells: Spells, e: Employers): ParquetColumn[] {
  // Spells in person order, each person's by start month.
  const at = (k: number) => spells.order[k]!;
  const sector = (s: number) =>
    spells.kind[s] === SPELL_KIND.military
      ? SECTOR.none
      : spells.kind[s] === SPELL_KIND.civilService
        ? SECTOR.publicService
        : e.sector[spells.employer[s]!]!;
  const wage = (s: number, month: number) =>
    spells.kind[s] === SPELL_KIND.military ? null : wageAt(sector(s), spells.factor[s]!, month);
  return [
    { name: 'person_id', type: 'INTEGER', description: 'person', get: (k) => spells.person[at(k)]! + 1 },
    {
      name: 'employer_id',
      type: 'INTEGER',
      description: 'employer (NULL for military service)',
      get: (k) => (spells.employer[at(k)] === NONE ? null : spells.employer[at(k)]! + 1),
    },
    { name: 'kind', type: 'UTINYINT', description: 'codes.career_kind', get: (k) => spells.kind[at(k)]! },
    { name: 'sector', type: 'UTINYINT', description: 'codes.sector', get: (k) => sector(at(k)) },
    {
      name: 'start_ym',
      type: 'INTEGER',
      description: 'first month, YYYYMM',
      get: (k) => monthCode(spells.start[at(k)]!),
    },
    {
      name: 'end_ym',
      type: 'INTEGER',
      description: 'last month (inclusive), YYYYMM; 202512 while ongoing',
      get: (k) => monthCode(spells.end[at(k)]!),
    },
    {
      name: 'wage_start_khr',
      type: 'INTEGER',
      description: 'monthly wage in the first month, riel',
      get: (k) => wage(at(k), spells.start[at(k)]!),
    },
    {
      name: 'wage_end_khr',
      type: 'INTEGER',
      description: 'monthly wage in the last month, riel',
      get: (k) => wage(at(k), spells.end[at(k)]!),
    },
  ];
}

/** A SQL list literal of texts, for looking codes up inside DuckDB. */
function sqlList(texts: readonly string[]): string {
  return `[${texts.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ')}]`;
}

/**
 * Names and IDs. Names are streamed as codes into the name lists and spelt out by DuckDB
 * (`list[code + 1]`): building 17 million JS strings per column was the slowest part of the run.
 */
function personRegistryColumns(persons: Persons): ParquetColumn[] {
  const days = (name: string) => `DATE '1970-01-01' + "${name}"`;
  const familyKm = sqlList(FAMILY_NAMES.map((n) => n.km));
  const givenKm = sqlList(GIVEN_NAMES.map((n) => n.km));
  const familyLatin = sqlList(FAMILY_NAMES.map((n) => n.latin[0]!));
  const givenLatin = sqlList(GIVEN_NAMES.map((n) => n.latin[0]!));
  return [
    { name: 'person_id', type: 'INTEGER', description: 'person', get: (p) => p + 1 },
    {
      name: 'family_name_km',
      type: 'SMALLINT',
      storedType: 'VARCHAR',
      select: `${familyKm}[family_name_km + 1]`,
      description: 'family name, Khmer script (written first)',
      values: persons.familyName,
    },
    {
      name: 'given_name_km',
      type: 'SMALLINT',
      storedType: 'VARCHAR',
      // A code of GIVEN_NAME_COUNT or more is a compound of two listed names (names.ts).
      select: `CASE WHEN given_name_km < ${GIVEN_NAME_COUNT} THEN ${givenKm}[given_name_km + 1] ELSE ${givenKm}[given_name_km % ${GIVEN_NAME_COUNT} + 1] || ${givenKm}[given_name_km // ${GIVEN_NAME_COUNT}] END`,
      description: 'given name, Khmer script',
      values: persons.givenName,
    },
    {
      name: 'name_latin',
      type: 'INTEGER',
      storedType: 'VARCHAR',
      select: `${familyLatin}[name_latin // 100000 + 1] || ' ' || CASE WHEN name_latin % 100000 < ${GIVEN_NAME_COUNT} THEN ${givenLatin}[name_latin % 100000 + 1] ELSE ${givenLatin}[name_latin % 100000 % ${GIVEN_NAME_COUNT} + 1] || lower(replace(${givenLatin}[name_latin % 100000 // ${GIVEN_NAME_COUNT}], ' ', '')) END`,
      description: 'usual romanisation, family name first',
      get: (p) => persons.familyName[p]! * 100000 + persons.givenName[p]!,
    },
    {
      name: 'national_id',
      type: 'INTEGER',
      storedType: 'VARCHAR',
      select: `lpad(national_id::VARCHAR, 9, '0')`,
      description: 'national ID card number, 9 digits (NULL: none)',
      values: persons.nationalId,
      none: NONE,
    },
    {
      name: 'sex',
      type: 'UTINYINT',
      storedType: 'VARCHAR',
      select: `CASE sex WHEN 1 THEN 'M' ELSE 'F' END`,
      description: 'M or F',
      values: persons.sex,
    },
    {
      name: 'birth_date',
      type: 'INTEGER',
      storedType: 'DATE',
      select: days('birth_date'),
      description: 'date of birth',
      values: persons.birthDay,
    },
    {
      name: 'death_date',
      type: 'INTEGER',
      storedType: 'DATE',
      select: days('death_date'),
      description: 'date of death (NULL if living)',
      values: persons.deathDay,
      none: NO_DAY,
    },
  ];
}

function employerRegistryColumns(e: Employers, seed: number): ParquetColumn[] {
  const r = rngFor(seed, 'employers.names');
  const names = Array.from({ length: e.count }, (_, i) => employerName(e, i, r));
  return [
    { name: 'employer_id', type: 'INTEGER', description: 'employer', get: (i) => i + 1 },
    {
      name: 'employer_no',
      type: 'VARCHAR',
      description: 'NSSF employer number (E + 6 digits + Luhn digit), NULL if not registered',
      get: (i) => employerNumber(e, i),
    },
    { name: 'name', type: 'VARCHAR', description: 'synthetic name', get: (i) => names[i]! },
  ];
}

/** `E` + 6-digit serial + Luhn digit, as in the NSSF register. */
export function employerNumber(e: Employers, i: number): string | null {
  if (e.serial[i] === NONE) return null;
  const serial = String(e.serial[i]!);
  return `E${serial}${luhnCheckDigit(serial)}`;
}

function counts(
  persons: Persons,
  hs: Households,
  e: Employers,
  work: Work,
  spells: Spells,
): Record<string, number> {
  let active = 0;
  let closed = 0;
  for (let i = 0; i < e.firstMinistry; i++) {
    if (e.end[i] === NONE) active++;
    else closed++;
  }
  const status: Record<string, number> = {};
  for (let p = 0; p < persons.alive; p++) status[work.status[p]!] = (status[work.status[p]!] ?? 0) + 1;
  let veterans = 0;
  for (let p = 0; p < persons.count; p++) veterans += work.veteran[p]!;
  return {
    persons_living: persons.alive,
    persons_deceased_since_2008: persons.count - persons.alive,
    households: hs.count,
    employers_active: active,
    employers_closed: closed,
    ministries: e.count - e.firstMinistry,
    career_spells: spells.count,
    veterans,
    not_working: status[0] ?? 0,
    private_employees: status[1] ?? 0,
    civil_servants: status[2] ?? 0,
    domestic_workers: status[3] ?? 0,
    casual_workers: status[4] ?? 0,
    self_employed: status[5] ?? 0,
    retired: status[6] ?? 0,
  };
}

/** Private employees in registered firms each December (the NSSF stock the careers imply). */
function formalHistory(spells: Spells, e: Employers): Record<string, number> {
  const out: Record<string, number> = {};
  for (let y = 2008; y <= 2025; y++) {
    const m = monthOf(y, 12);
    let registered = 0;
    for (let s = 0; s < spells.count; s++) {
      if (spells.kind[s] !== SPELL_KIND.private || spells.start[s]! > m || spells.end[s]! < m) continue;
      const reg = e.registered[spells.employer[s]!]!;
      if (reg !== NONE && reg <= m) registered++;
    }
    out[String(y)] = registered;
  }
  return out;
}
