/**
 * @module synth/poverty
 * Household welfare: the hidden truth (consumption per person and whether it is below the
 * national poverty line), the characteristics an enumerator sees (house, land, assets,
 * livestock, members), a proxy-means-test score computed only from those characteristics, and
 * the IDPoor class (level 1, level 2, not poor) given from the score. Because the score sees the
 * characteristics and not consumption, targeting errors exist: some poor households are missed
 * and some others are classed poor, as in any proxy means test.
 *
 * Targets: 17.8 % of persons poor; Phnom Penh 4.2 %, other urban 12.6 %, rural 22.8 %; line
 * 10,951 riel per person per day (REFERENCE.md §3.8); about 700,000 IDPoor households (B3.3).
 *
 * Assumptions (ARCHITECTURE.md):
 * - Welfare is a latent normal index: 0.55 × household earnings per person (log, standardised)
 *   − 0.25 × the dependency ratio (standardised) − 0.10 per member with a disability + 0.75 ×
 *   noise. Log consumption is μ(area) + 0.45 × welfare, with μ(area) set so the share of poor
 *   persons in each area is its target exactly; the national line is used in every area (the
 *   area lines are [memory-unverified] in §3.8).
 * - Characteristics follow welfare with their own noise (cut points and logistic curves below).
 * - The real IDPoor questionnaire weights and cut-offs are not public (B5). The score below is
 *   this generator's own points table (higher is poorer). The households with the highest
 *   scores in each area become IDPoor, as many as the programme's 700,000 households (shared
 *   between areas in proportion to their poor households), the top 40 % of them at level 1.
 * - National ID cards from age 15: children have none; 40 % of 15–17-year-olds and some adults
 *   (12 % of poor rural adults, 4 % of other rural adults, 6 % of poor urban adults, 1.5 % of
 *   other urban adults, 5 % more at 70+) have none either.
 */

import { PHNOM_PENH } from './provinces.js';
import { apportion, type Rng, rngFor } from './random.js';
import { IDPOOR_HOUSEHOLDS, IDPOOR_LEVEL1_SHARE, POVERTY_LINE_KHR_PER_DAY, POVERTY_RATE } from './targets.js';
import type { Work } from './work.js';
import { type Households, NONE, type Persons, WORK_STATUS } from './world.js';

export type Welfare = {
  /** 0 Phnom Penh, 1 other urban, 2 rural. */
  area: Uint8Array;
  /** Consumption per person per day, riel (hidden truth). */
  consumption: Int32Array;
  /** 1 when consumption is below the poverty line (hidden truth). */
  poor: Uint8Array;
  /** 0 thatch or leaves, 1 metal or fibre-cement sheets, 2 tiles, 3 concrete. */
  roof: Uint8Array;
  /** 0 thatch, bamboo or palm, 1 wood or plywood, 2 metal sheets, 3 brick or concrete. */
  wall: Uint8Array;
  /** Agricultural land, tenths of a hectare. */
  landTenthsHa: Uint16Array;
  motorbike: Uint8Array;
  television: Uint8Array;
  smartphone: Uint8Array;
  refrigerator: Uint8Array;
  car: Uint8Array;
  electricity: Uint8Array;
  cattle: Uint8Array;
  pigs: Uint8Array;
  /** Children under 15 and persons 65+ over persons 15–64, ×100 (999 when none is 15–64). */
  dependencyX100: Uint16Array;
  disabledMembers: Uint8Array;
  earners: Uint8Array;
  pmtScore: Uint8Array;
  /** 0 not poor, 1 IDPoor level 1, 2 IDPoor level 2. */
  idpoor: Uint8Array;
};

/** Points of the synthetic proxy means test (higher is poorer; assumption, see the module comment). */
export const PMT_POINTS = {
  roof: [10, 5, 3, 0],
  wall: [10, 6, 4, 0],
  /** Rural households: landless, < 0.5 ha, < 1 ha, < 2 ha, 2 ha or more. */
  land: [10, 7, 4, 2, 0],
  noMotorbike: 6,
  noTelevision: 3,
  noSmartphone: 3,
  noRefrigerator: 2,
  car: -6,
  noElectricity: 5,
  /** Rural households: no cattle, 1–2 head. */
  noCattle: 4,
  fewCattle: 2,
  noPigs: 1,
  /** Dependency ratio ≥ 1.5, ≥ 1, ≥ 0.5; no member aged 15–64. */
  dependency: [8, 5, 2],
  noWorkingAgeMember: 10,
  perDisabledMember: 4,
  noEarner: 4,
  largeHousehold: 3,
} as const;

const SIGMA_LOG_CONSUMPTION = 0.45;

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

export function generateWelfare(
  seed: number,
  persons: Persons,
  hs: Households,
  work: Work,
  scale: number,
): Welfare {
  const H = hs.count;
  const w: Welfare = {
    area: new Uint8Array(H),
    consumption: new Int32Array(H),
    poor: new Uint8Array(H),
    roof: new Uint8Array(H),
    wall: new Uint8Array(H),
    landTenthsHa: new Uint16Array(H),
    motorbike: new Uint8Array(H),
    television: new Uint8Array(H),
    smartphone: new Uint8Array(H),
    refrigerator: new Uint8Array(H),
    car: new Uint8Array(H),
    electricity: new Uint8Array(H),
    cattle: new Uint8Array(H),
    pigs: new Uint8Array(H),
    dependencyX100: new Uint16Array(H),
    disabledMembers: new Uint8Array(H),
    earners: new Uint8Array(H),
    pmtScore: new Uint8Array(H),
    idpoor: new Uint8Array(H),
  };
  // Members: earnings, dependency, disability.
  const logEarnings = new Float64Array(H);
  const dependency = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    let earnings = 0;
    let young = 0;
    let old = 0;
    let working = 0;
    let disabled = 0;
    let earners = 0;
    for (let p = hs.first[h]!; p < hs.first[h]! + hs.size[h]!; p++) {
      const a = persons.age[p]!;
      if (a < 15) young++;
      else if (a >= 65) old++;
      else working++;
      if (persons.disability[p]) disabled++;
      const income = work.wage[p]! + work.secondWage[p]! + work.selfIncome[p]!;
      earnings += income;
      if (work.wage[p]! > 0) earners++;
    }
    logEarnings[h] = Math.log(1 + earnings / hs.size[h]!);
    dependency[h] = working === 0 ? 3 : (young + old) / working;
    w.dependencyX100[h] = working === 0 ? 999 : Math.min(998, Math.round(((young + old) / working) * 100));
    w.disabledMembers[h] = Math.min(255, disabled);
    w.earners[h] = Math.min(255, earners);
    w.area[h] = hs.province[h] === PHNOM_PENH ? 0 : hs.urban[h] ? 1 : 2;
  }
  const zE = standardise(logEarnings);
  const zD = standardise(dependency);
  const r = rngFor(seed, 'welfare.index');
  const welfare = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    welfare[h] = 0.55 * zE[h]! - 0.25 * zD[h]! - 0.1 * w.disabledMembers[h]! + 0.75 * r.normal();
  }
  // Consumption: each area's level is set so its share of poor persons is the target.
  const targets = [POVERTY_RATE.phnomPenh, POVERTY_RATE.otherUrban, POVERTY_RATE.rural];
  const lnLine = Math.log(POVERTY_LINE_KHR_PER_DAY);
  for (let a = 0; a < 3; a++) {
    // The cut-off is the welfare value below which the target share of the area's persons live:
    // found by bisection on the value (no sort of millions of households).
    let persons = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let h = 0; h < H; h++) {
      if (w.area[h] !== a) continue;
      persons += hs.size[h]!;
      lo = Math.min(lo, welfare[h]!);
      hi = Math.max(hi, welfare[h]!);
    }
    const wanted = targets[a]! * persons;
    for (let iter = 0; iter < 60 && persons > 0; iter++) {
      const mid = (lo + hi) / 2;
      let below = 0;
      for (let h = 0; h < H; h++) if (w.area[h] === a && welfare[h]! < mid) below += hs.size[h]!;
      if (below < wanted) lo = mid;
      else hi = mid;
    }
    const cut = hi;
    const mu = lnLine - SIGMA_LOG_CONSUMPTION * cut;
    for (let h = 0; h < H; h++) {
      if (w.area[h] !== a) continue;
      w.consumption[h] = Math.round(Math.exp(mu + SIGMA_LOG_CONSUMPTION * welfare[h]!));
      w.poor[h] = welfare[h]! < cut ? 1 : 0;
    }
  }
  drawCharacteristics(seed, w, welfare);
  for (let h = 0; h < H; h++) w.pmtScore[h] = score(w, h, hs.size[h]!);
  classify(seed, w, scale);
  return w;
}

function standardise(x: Float64Array): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length || 1;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / (x.length || 1)) || 1;
  return x.map((v) => (v - mean) / sd);
}

function ordinal(r: Rng, latent: number, cuts: readonly number[]): number {
  const v = latent + 0.8 * r.normal();
  let k = 0;
  while (k < cuts.length && v > cuts[k]!) k++;
  return k;
}

function drawCharacteristics(seed: number, w: Welfare, welfare: Float64Array): void {
  const r = rngFor(seed, 'welfare.characteristics');
  for (let h = 0; h < w.area.length; h++) {
    const x = welfare[h]!;
    const urban = w.area[h]! < 2;
    const u = urban ? 1 : 0;
    w.roof[h] = ordinal(r, x + 0.8 * u, [-1.6, 0.7, 1.6]);
    w.wall[h] = ordinal(r, x + 0.8 * u, [-1.2, 0.2, 0.9]);
    if (!urban) {
      const landless = r.chance(logistic(-1.6 - 0.9 * x));
      w.landTenthsHa[h] = landless
        ? 0
        : Math.min(65_000, Math.round(10 * r.logNormal(0.9 * Math.exp(0.45 * x), 0.7)));
      w.cattle[h] = r.chance(logistic(-0.1 + 0.7 * x)) ? 1 + Math.min(20, r.geometric(1.8)) : 0;
      w.pigs[h] = r.chance(logistic(-0.9 + 0.4 * x)) ? 1 + Math.min(20, r.geometric(1.2)) : 0;
    } else {
      w.landTenthsHa[h] = r.chance(0.08) ? Math.round(10 * r.logNormal(0.5, 0.8)) : 0;
    }
    w.motorbike[h] = r.chance(logistic(1.3 + 1.5 * x + 0.3 * u)) ? 1 : 0;
    w.television[h] = r.chance(logistic(0.8 + 1.4 * x + 0.6 * u)) ? 1 : 0;
    w.smartphone[h] = r.chance(logistic(1.6 + 1.2 * x + 0.5 * u)) ? 1 : 0;
    w.refrigerator[h] = r.chance(logistic(-1.3 + 1.6 * x + 0.9 * u)) ? 1 : 0;
    w.car[h] = r.chance(logistic(-3.4 + 1.6 * x + 0.5 * u)) ? 1 : 0;
    w.electricity[h] = r.chance(logistic(1.8 + 1.3 * x + 2 * u)) ? 1 : 0;
  }
}

/** The proxy-means-test score of a household (see `PMT_POINTS`). */
export function score(w: Welfare, h: number, size: number): number {
  const P = PMT_POINTS;
  let s = P.roof[w.roof[h]!]! + P.wall[w.wall[h]!]!;
  if (w.area[h] === 2) {
    const land = w.landTenthsHa[h]!;
    s += P.land[land === 0 ? 0 : land < 5 ? 1 : land < 10 ? 2 : land < 20 ? 3 : 4]!;
    s += w.cattle[h] === 0 ? P.noCattle : w.cattle[h]! <= 2 ? P.fewCattle : 0;
    if (w.pigs[h] === 0) s += P.noPigs;
  }
  if (!w.motorbike[h]) s += P.noMotorbike;
  if (!w.television[h]) s += P.noTelevision;
  if (!w.smartphone[h]) s += P.noSmartphone;
  if (!w.refrigerator[h]) s += P.noRefrigerator;
  if (w.car[h]) s += P.car;
  if (!w.electricity[h]) s += P.noElectricity;
  const d = w.dependencyX100[h]!;
  s +=
    d === 999
      ? P.noWorkingAgeMember
      : d >= 150
        ? P.dependency[0]
        : d >= 100
          ? P.dependency[1]
          : d >= 50
            ? P.dependency[2]
            : 0;
  s += Math.min(2, w.disabledMembers[h]!) * P.perDisabledMember;
  if (w.earners[h] === 0) s += P.noEarner;
  if (size >= 7) s += P.largeHousehold;
  return Math.max(0, s);
}

/** IDPoor levels from the score: the programme's caseload, by area in proportion to poverty. */
function classify(seed: number, w: Welfare, scale: number): void {
  const r = rngFor(seed, 'welfare.idpoor');
  const H = w.area.length;
  const quota = Math.round(IDPOOR_HOUSEHOLDS * scale);
  const poorByArea = [0, 0, 0];
  for (let h = 0; h < H; h++) if (w.poor[h]) poorByArea[w.area[h]!]! += 1;
  const quotas = apportion(Math.min(quota, H), poorByArea);
  // Highest scores first; equal scores in random order (households shuffled, then a stable
  // counting sort by score).
  const order = Int32Array.from({ length: H }, (_, h) => h);
  r.shuffle(order);
  const maxScore = 255;
  const start = new Int32Array(maxScore + 2);
  for (let h = 0; h < H; h++) start[maxScore - w.pmtScore[h]! + 1]! += 1;
  for (let k = 0; k <= maxScore; k++) start[k + 1]! += start[k]!;
  const ranked = new Int32Array(H);
  for (const h of order) ranked[start[maxScore - w.pmtScore[h]!]!++] = h;
  const taken = [0, 0, 0];
  const level1 = quotas.map((q) => Math.round(Math.min(q, H) * IDPOOR_LEVEL1_SHARE));
  for (const h of ranked) {
    const a = w.area[h]!;
    if (taken[a]! >= quotas[a]!) continue;
    w.idpoor[h] = taken[a]! < level1[a]! ? 1 : 2;
    taken[a]! += 1;
  }
}

const BILLION = 1_000_000_000;

/** (a × b) mod 10^9 for a < 10^9 and b < 10^9, exact in doubles (no product above 2^53). */
function mulMod(a: number, b: number): number {
  const hi = Math.floor(b / 10_000);
  const lo = b % 10_000;
  return (((((a * hi) % BILLION) * 10_000) % BILLION) + ((a * lo) % BILLION)) % BILLION;
}

/** National ID card numbers: unique 9-digit numbers, absent for children and some adults. */
export function assignNationalIds(seed: number, persons: Persons, w: Welfare): void {
  const r = rngFor(seed, 'persons.national-id');
  // An affine map modulo 10^9 with a multiplier coprime to 10 is a permutation: unique numbers
  // that look random.
  let multiplier = (r.u32() % 900_000_000) + 100_000_000;
  if (multiplier % 2 === 0) multiplier++;
  if (multiplier % 5 === 0) multiplier += 2;
  const offset = r.u32() % 1_000_000_000;
  for (let p = 0; p < persons.count; p++) {
    const a = persons.age[p]!;
    let missing: number;
    if (a < 15) missing = 1;
    else if (a < 18) missing = 0.4;
    else {
      const h = persons.household[p]!;
      const poor = h !== NONE && w.poor[h] === 1;
      const rural = persons.urban[p] === 0;
      missing = h === NONE ? 0.05 : rural ? (poor ? 0.12 : 0.04) : poor ? 0.06 : 0.015;
      if (a >= 70) missing += 0.05;
    }
    if (r.chance(missing)) continue;
    persons.nationalId[p] = (mulMod(multiplier, p) + offset) % BILLION;
  }
}

/** Domestic workers work for the better-off urban households (the top tenth by consumption). */
export function assignDomesticEmployers(
  seed: number,
  persons: Persons,
  hs: Households,
  w: Welfare,
  work: Work,
): void {
  const r = rngFor(seed, 'work.domestic-employers');
  // The top tenth of urban households by consumption: the cut-off by bisection, no sort.
  let urbanCount = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let h = 0; h < hs.count; h++) {
    if (w.area[h]! >= 2) continue;
    urbanCount++;
    lo = Math.min(lo, w.consumption[h]!);
    hi = Math.max(hi, w.consumption[h]!);
  }
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    let above = 0;
    for (let h = 0; h < hs.count; h++) if (w.area[h]! < 2 && w.consumption[h]! >= mid) above++;
    if (above > urbanCount * 0.1) lo = mid;
    else hi = mid;
  }
  const top: number[] = [];
  for (let h = 0; h < hs.count; h++) if (w.area[h]! < 2 && w.consumption[h]! >= lo) top.push(h);
  for (let p = 0; p < persons.alive; p++) {
    if (work.status[p] !== WORK_STATUS.domesticWorker) continue;
    let h = top[r.int(top.length)]!;
    if (h === persons.household[p]) h = top[(top.indexOf(h) + 1) % top.length]!;
    work.domesticEmployer[p] = h;
  }
}
