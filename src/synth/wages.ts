/**
 * @module synth/wages
 * Monthly wages in riel by sector and month. Wages set in US dollars are converted at 4,100 riel
 * per dollar (REFERENCE.md §7.2: 4,065–4,110 in 2022–2023) and rounded to 100 riel.
 *
 * Garment and footwear workers earn at least the sector's minimum wage of the month (§7.3), times
 * a personal factor of 1 or more (overtime, seniority, bonuses; supervisors more). Values of
 * §7.3 marked [confirmed] are used as they are; the years REFERENCE.md lacks are filled from
 * memory and marked [memory-unverified] below.
 *
 * Other sectors (assumption): a median wage of the reference month (construction 300, tourism 260,
 * other 350, domestic work 150, casual work 180 US dollars), a log-normal spread per person, and
 * nominal growth of 5 % a year going back. Civil servants: a median basic salary of 1,300,000
 * riel in 2025 growing 8 % a year before (the civil-service pay rises of the 2010s), log-normal
 * spread 0.3 (assumption).
 */
import { monthOf, REFERENCE_MONTH } from './calendar.js';
import type { Rng } from './random.js';
import { RIEL_PER_USD } from './targets.js';
import { SECTOR } from './world.js';

/** Garment minimum wage in US dollars per month, from its effective month. */
export const GARMENT_MINIMUM_WAGE_USD: ReadonlyArray<{ from: number; usd: number; source: string }> = [
  { from: monthOf(2006, 10), usd: 50, source: '[memory-unverified] 45 + 5 cost-of-living allowance' },
  { from: monthOf(2010, 10), usd: 61, source: '§7.3 (61 in Oct 2010) [secondary]' },
  { from: monthOf(2012, 1), usd: 66, source: '§7.3 (2012) [secondary]' },
  { from: monthOf(2013, 5), usd: 80, source: '[memory-unverified]' },
  { from: monthOf(2014, 2), usd: 100, source: '[memory-unverified]' },
  { from: monthOf(2015, 1), usd: 128, source: '[memory-unverified]' },
  { from: monthOf(2016, 1), usd: 140, source: '[memory-unverified]' },
  { from: monthOf(2017, 1), usd: 153, source: '[memory-unverified]' },
  { from: monthOf(2018, 1), usd: 170, source: '§7.3 [confirmed]' },
  { from: monthOf(2019, 1), usd: 182, source: '§7.3 [confirmed]' },
  { from: monthOf(2020, 1), usd: 190, source: '§7.3 [confirmed]' },
  { from: monthOf(2021, 1), usd: 192, source: '§7.3 [confirmed]' },
  { from: monthOf(2022, 1), usd: 194, source: '§7.3 [memory-unverified]' },
  { from: monthOf(2023, 1), usd: 200, source: '§7.3 [confirmed] (Prakas 247/22)' },
  { from: monthOf(2024, 1), usd: 204, source: '§7.3 [confirmed]' },
  { from: monthOf(2025, 1), usd: 208, source: '§7.3 [confirmed]' },
];

export function garmentMinimumUsd(month: number): number {
  let usd = GARMENT_MINIMUM_WAGE_USD[0]!.usd;
  for (const step of GARMENT_MINIMUM_WAGE_USD) if (step.from <= month) usd = step.usd;
  return usd;
}

/** Median monthly wage of the reference month, US dollars (assumption). */
export const MEDIAN_WAGE_USD: Readonly<Record<number, number>> = {
  [SECTOR.construction]: 300,
  [SECTOR.tourism]: 260,
  [SECTOR.other]: 350,
  [SECTOR.households]: 150,
  [SECTOR.agriculture]: 180,
};
export const CIVIL_SERVICE_MEDIAN_KHR = 1_300_000;
const NOMINAL_GROWTH = 0.05;
const CIVIL_SERVICE_GROWTH = 0.08;

function computeWageLevel(sector: number, month: number): number {
  const yearsBack = (REFERENCE_MONTH - month) / 12;
  if (sector === SECTOR.garment) return garmentMinimumUsd(month) * RIEL_PER_USD;
  if (sector === SECTOR.publicService)
    return CIVIL_SERVICE_MEDIAN_KHR * Math.exp(-CIVIL_SERVICE_GROWTH * yearsBack);
  const usd = MEDIAN_WAGE_USD[sector] ?? MEDIAN_WAGE_USD[SECTOR.other]!;
  return usd * RIEL_PER_USD * (1 + NOMINAL_GROWTH) ** -yearsBack;
}

const TABLE_FIRST = monthOf(1970, 1);
const TABLE_MONTHS = monthOf(2031, 1) - TABLE_FIRST;
const SECTORS = 8;
/** Wage levels by sector and month, computed once (the registers look up millions). */
const LEVELS = (() => {
  const t = new Float64Array(SECTORS * TABLE_MONTHS);
  for (let s = 0; s < SECTORS; s++) {
    for (let k = 0; k < TABLE_MONTHS; k++) t[s * TABLE_MONTHS + k] = computeWageLevel(s, TABLE_FIRST + k);
  }
  return t;
})();

/** The sector's wage level in a month (the minimum for garment, the median otherwise), riel. */
export function wageLevel(sector: number, month: number): number {
  const k = month - TABLE_FIRST;
  return k >= 0 && k < TABLE_MONTHS && sector < SECTORS
    ? LEVELS[sector * TABLE_MONTHS + k]!
    : computeWageLevel(sector, month);
}

/** A person's wage in a month: level × personal factor, rounded to 100 riel. */
export function wageAt(sector: number, factor: number, month: number): number {
  return Math.round((wageLevel(sector, month) * factor) / 100) * 100;
}

/** A personal wage factor for a new job in the sector. */
export function drawWageFactor(sector: number, rng: Rng): number {
  switch (sector) {
    case SECTOR.garment: {
      // At least the minimum: overtime and seniority add 0–40 %, supervisors (5 %) more.
      const base = 1 + Math.abs(0.17 * rng.normal());
      return rng.chance(0.05) ? base * (1.4 + 0.6 * rng.next()) : base;
    }
    case SECTOR.construction:
      return Math.max(0.5, Math.exp(0.3 * rng.normal()));
    case SECTOR.tourism:
      return Math.max(0.5, Math.exp(0.35 * rng.normal()));
    case SECTOR.publicService:
      return Math.exp(0.3 * rng.normal());
    case SECTOR.households:
      return Math.max(0.6, Math.exp(0.25 * rng.normal()));
    default:
      return Math.max(0.35, Math.exp(0.55 * rng.normal()));
  }
}
