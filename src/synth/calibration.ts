/**
 * @module synth/calibration
 * The calibration report: every aggregate of the generated Cambodia beside its REFERENCE.md
 * target (`targets.ts`), with the relative difference. Computed from the arrays in memory at the
 * end of a run and kept in `manifest.json`, so `samaki synth --report` can print it again.
 */
import { monthOfDay, REFERENCE_MONTH, REFERENCE_YEAR, yearOfMonth } from './calendar.js';
import type { Employers } from './employers.js';
import type { Welfare } from './poverty.js';
import { province } from './provinces.js';
import type { RegistersResult } from './registers.js';
import { FERTILITY_SHAPE, GROWTH_RATE } from './schedules.js';
import { RIEL_PER_USD, TARGETS } from './targets.js';
import { garmentMinimumUsd } from './wages.js';
import type { Work } from './work.js';
import { FEMALE, type Households, MALE, NO_DAY, NONE, type Persons, SECTOR, WORK_STATUS } from './world.js';

export type CalibrationRow = {
  key: string;
  label: string;
  section: string;
  /** The target at this run's scale (counts scaled). */
  target: number;
  generated: number;
  /** (generated − target) / target. */
  relativeDifference: number;
};

type World = {
  persons: Persons;
  households: Households;
  employers: Employers;
  work: Work;
  welfare: Welfare;
  registers: RegistersResult;
};

/** Generated value of every target. */
export function computeCalibration(world: World, scale: number): CalibrationRow[] {
  const values = aggregates(world);
  return TARGETS.map((t) => {
    const target = t.kind === 'count' ? t.value * scale : t.value;
    const generated = values[t.key] ?? Number.NaN;
    return {
      key: t.key,
      label: t.label,
      section: t.section,
      target: round(target),
      generated: round(generated),
      relativeDifference: round(target === 0 ? 0 : (generated - target) / target, 4),
    };
  });
}

function round(x: number, digits = 6): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function aggregates(world: World): Record<string, number> {
  const { persons, households, employers, work, welfare, registers } = world;
  const N = persons.alive;
  const out: Record<string, number> = {};
  out.persons = N;
  out.households = households.count;
  out.household_size = N / households.count;
  let pp = 0;
  let kep = 0;
  let urban = 0;
  let male = 0;
  const ageGroups = [0, 0, 0];
  const regions: Record<string, number> = {};
  for (let p = 0; p < N; p++) {
    const code = persons.province[p]!;
    if (code === 12) pp++;
    if (code === 23) kep++;
    const region = province(code).region;
    regions[region] = (regions[region] ?? 0) + 1;
    urban += persons.urban[p]!;
    if (persons.sex[p] === MALE) male++;
    const a = persons.age[p]!;
    ageGroups[a < 15 ? 0 : a < 60 ? 1 : 2]! += 1;
  }
  out.phnom_penh = pp;
  out.kep = kep;
  for (const region of ['central_plains', 'tonle_sap', 'plateau_mountain', 'coastal']) {
    out[`region_${region}`] = (regions[region] ?? 0) / N;
  }
  out.urban = urban / N;
  out.male = male / N;
  out.age_0_14 = ageGroups[0]! / N;
  out.age_15_59 = ageGroups[1]! / N;
  out.age_60_plus = ageGroups[2]! / N;
  Object.assign(out, vitalRates(persons));

  // Poverty (persons, hidden truth) and IDPoor.
  const poorByArea = [0, 0, 0];
  const personsByArea = [0, 0, 0];
  let idpoorHouseholds = 0;
  let idpoorPersons = 0;
  for (let h = 0; h < households.count; h++) {
    const size = households.size[h]!;
    const a = welfare.area[h]!;
    personsByArea[a]! += size;
    if (welfare.poor[h]) poorByArea[a]! += size;
    if (welfare.idpoor[h]) {
      idpoorHouseholds++;
      idpoorPersons += size;
    }
  }
  out.poverty = (poorByArea[0]! + poorByArea[1]! + poorByArea[2]!) / N;
  out.poverty_phnom_penh = poorByArea[0]! / personsByArea[0]!;
  out.poverty_other_urban = poorByArea[1]! / personsByArea[1]!;
  out.poverty_rural = poorByArea[2]! / personsByArea[2]!;
  out.idpoor_households = idpoorHouseholds;
  out.idpoor_persons = idpoorPersons;

  // Work.
  let privateEmployees = 0;
  let garment = 0;
  let civil = 0;
  let employed = 0;
  let selfEmployed = 0;
  const garmentWages: number[] = [];
  for (let p = 0; p < N; p++) {
    const s = work.status[p]!;
    // Private jobs held as a main or as a second job (civil servants) both count.
    if (s === WORK_STATUS.privateEmployee || work.secondEmployer[p] !== NONE) privateEmployees++;
    if (s === WORK_STATUS.privateEmployee) {
      if (work.sector[p] === SECTOR.garment) {
        garment++;
        garmentWages.push(work.wage[p]!);
      }
    }
    if (s === WORK_STATUS.civilServant) civil++;
    if (s === WORK_STATUS.selfEmployed) selfEmployed++;
    if (s !== WORK_STATUS.none && s !== WORK_STATUS.retired) employed++;
  }
  out.private_employees = privateEmployees;
  out.garment_workers = garment;
  out.civil_servants = civil;
  out.self_employed_share = selfEmployed / employed;
  const minimum = garmentMinimumUsd(REFERENCE_MONTH) * RIEL_PER_USD;
  out.garment_at_minimum = garmentWages.length
    ? garmentWages.filter((w) => w >= minimum).length / garmentWages.length
    : 0;
  let factories = 0;
  let enterprises = 0;
  for (let e = 0; e < employers.firstMinistry; e++) {
    if (employers.end[e] !== NONE) continue;
    enterprises++;
    if (employers.sector[e] === SECTOR.garment) factories++;
  }
  out.garment_factories = factories;
  out.enterprises = enterprises;
  out.register_records = registers.nssf.records + registers.nssfC.records + registers.nfv.records;
  return out;
}

/**
 * TFR of 2025 (births of 2025 over women by age, with the fertility shape), life expectancy and
 * infant mortality from the deaths of 2021–2025 over the living population grown back.
 */
function vitalRates(persons: Persons): Record<string, number> {
  const birthYear = (p: number) => yearOfMonth(monthOfDay(persons.birthDay[p]!));
  let births2025 = 0;
  let births5 = 0;
  const women = new Float64Array(101);
  const population = new Float64Array(101);
  const deaths = new Float64Array(101);
  let infantDeaths = 0;
  for (let p = 0; p < persons.count; p++) {
    const by = birthYear(p);
    if (by === REFERENCE_YEAR) births2025++;
    if (by >= REFERENCE_YEAR - 4 && by <= REFERENCE_YEAR) births5++;
    if (persons.deathDay[p] === NO_DAY) {
      const a = persons.age[p]!;
      population[a]! += 1;
      if (persons.sex[p] === FEMALE) women[a]! += 1;
    } else {
      const dy = yearOfMonth(monthOfDay(persons.deathDay[p]!));
      if (dy >= REFERENCE_YEAR - 4) {
        deaths[persons.age[p]!]! += 1;
        if (persons.age[p] === 0) infantDeaths++;
      }
    }
  }
  let weighted = 0;
  for (let x = 15; x < 50; x++) weighted += women[x]! * FERTILITY_SHAPE[x]!;
  // Person-years 2021–2025: the 2025 population at each age, shrunk back at the growth rate.
  let years = 0;
  for (let y = REFERENCE_YEAR - 4; y <= REFERENCE_YEAR; y++)
    years += Math.exp(GROWTH_RATE * (y + 0.5 - (REFERENCE_YEAR + 1)));
  // Abridged life table on 5-year groups (0, 1–4, 5–9, …, 95+) to smooth small samples.
  const groups: Array<[number, number]> = [
    [0, 1],
    [1, 5],
  ];
  for (let a = 5; a < 95; a += 5) groups.push([a, a + 5]);
  groups.push([95, 101]);
  let l = 1;
  let e0 = 0;
  for (const [a, b] of groups) {
    let d = 0;
    let exposure = 0;
    for (let x = a; x < b; x++) {
      d += deaths[x]!;
      exposure += population[x]! * years;
    }
    const m = exposure > 0 ? d / exposure : 1;
    if (b === 101) {
      e0 += m > 0 ? l / m : 0;
      break;
    }
    for (let x = a; x < b; x++) {
      const next = l * Math.exp(-m);
      e0 += x === 0 ? next + 0.15 * (l - next) : (l + next) / 2;
      l = next;
    }
  }
  return {
    tfr: weighted > 0 ? births2025 / weighted : 0,
    e0,
    imr: births5 > 0 ? (1000 * infantDeaths) / births5 : 0,
  };
}

/** The report as text lines: aggregate, target, generated, difference, source. */
export function formatCalibration(rows: readonly CalibrationRow[]): string[] {
  const fmt = (x: number) =>
    Math.abs(x) >= 1000
      ? Math.round(x).toLocaleString('en-US')
      : Math.abs(x) < 1
        ? x.toFixed(4)
        : x.toFixed(2);
  const table = rows.map((r) => [
    r.label,
    fmt(r.target),
    fmt(r.generated),
    `${r.relativeDifference >= 0 ? '+' : ''}${(r.relativeDifference * 100).toFixed(1)}%`,
    r.section,
  ]);
  const header = ['aggregate', 'target', 'generated', 'diff', 'REFERENCE.md'];
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 1 || c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)];
}
