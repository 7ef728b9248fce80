/**
 * @module synth/population
 * Persons and households: who lives, how old, with whom, where, and who died since 2008.
 *
 * Method (all counts exact at any scale, so calibration does not wobble between seeds):
 * 1. Living persons by sex and single year of age, apportioned from the 2025 pyramid
 *    (`schedules.ts`). Born in 2025 − age, on a random day of that year.
 * 2. Household heads: a headship rate by sex and age (assumption below), scaled to give the
 *    wanted number of households.
 * 3. Spouses: most male heads and some female heads have a spouse of the other sex, about three
 *    years younger than the husband.
 * 4. Everyone else joins a household by kinship: persons up to 24 join a household whose woman
 *    (female head or wife) was of childbearing age when they were born, drawn from the fertility
 *    schedule (a grandmother's household for 12 %); adults 25–59 half join a mother's household,
 *    half any household (siblings, in-laws); persons 60+ join a household whose head could be
 *    their child. Household sizes follow from this.
 * 5. Provinces and urban areas: households in random order fill each province's and then each
 *    area's quota of persons.
 * 6. Deaths 2008–2025 from the mortality schedule applied to the population of each year (the
 *    2025 age structure, shrunk at the growth rate going back).
 *
 * Assumptions (ARCHITECTURE.md): headship rates, the spouse probabilities and age gaps, the
 * living arrangements of step 4, and the disability prevalence by age are plausible values for
 * Cambodia, not statistics; REFERENCE.md has none of them.
 */
import { dayOf, REFERENCE_DAY, REFERENCE_YEAR } from './calendar.js';
import { drawFamilyName, drawGivenName } from './names.js';
import { provinceShares, urbanShares } from './provinces.js';
import { apportion, cumulative, type Rng, rngFor } from './random.js';
import { AGES, FERTILITY_SHAPE, GROWTH_RATE, LIFE_FEMALE, LIFE_MALE, MAX_AGE, pyramid } from './schedules.js';
import { HOUSEHOLDS_2025, POPULATION_2025 } from './targets.js';
import { FEMALE, type Households, MALE, NONE, newPersons, type Persons, RELATION } from './world.js';

/** Probability of heading a household by age, men (index = age). Assumption. */
function headshipMale(age: number): number {
  if (age < 15) return 0;
  if (age < 20) return 0.01;
  if (age < 25) return 0.12;
  if (age < 30) return 0.45;
  if (age < 35) return 0.7;
  if (age < 40) return 0.8;
  if (age < 60) return 0.85;
  if (age < 70) return 0.8;
  return 0.6;
}

/** Probability of heading a household by age, women: widows and women whose husband is away. */
function headshipFemale(age: number): number {
  if (age < 15) return 0;
  if (age < 20) return 0.004;
  if (age < 25) return 0.03;
  if (age < 30) return 0.07;
  if (age < 40) return 0.11;
  if (age < 50) return 0.2;
  if (age < 60) return 0.31;
  if (age < 70) return 0.42;
  return 0.35;
}

/** Kin join a household only while it has fewer members than this (no pile-ups in rare age buckets). */
const KIN_SIZE_LIMIT = 12;

/** Disability prevalence by age (assumption; REFERENCE.md has no prevalence). */
export function disabilityPrevalence(age: number): number {
  if (age < 5) return 0.005;
  if (age < 15) return 0.012;
  if (age < 30) return 0.015;
  if (age < 45) return 0.025;
  if (age < 60) return 0.05;
  if (age < 70) return 0.11;
  if (age < 80) return 0.2;
  return 0.35;
}
/** Share of persons with a disability whose disability is severe (assumption). */
export const SEVERE_SHARE = 0.3;

const fertilityCumulative = cumulative(Array.from(FERTILITY_SHAPE));
const drawMotherAge = (rng: Rng) => rng.pick(fertilityCumulative);

export type PopulationResult = { persons: Persons; households: Households };

export function generatePopulation(seed: number, scale: number): PopulationResult {
  const pyr = pyramid();
  const alive = Math.max(50, Math.round(POPULATION_2025 * scale));
  const householdCount = Math.max(10, Math.round(HOUSEHOLDS_2025 * scale));

  // 1. Cells (sex, age): sex 1 at cells 0..AGES-1, sex 2 at AGES..2*AGES-1.
  const cellShares = new Float64Array(2 * AGES);
  cellShares.set(pyr.male, 0);
  cellShares.set(pyr.female, AGES);
  const cellCount = apportion(alive, cellShares);
  const cellStart = new Int32Array(2 * AGES + 1);
  for (let c = 0; c < 2 * AGES; c++) cellStart[c + 1] = cellStart[c]! + cellCount[c]!;
  const cellOf = (sex: number, age: number) => (sex === MALE ? 0 : AGES) + age;

  const sex = new Uint8Array(alive);
  const age = new Uint8Array(alive);
  const birthDay = new Int32Array(alive);
  const rBirth = rngFor(seed, 'population.birth-day');
  for (let c = 0; c < 2 * AGES; c++) {
    const s = c < AGES ? MALE : FEMALE;
    const a = c % AGES;
    const year = REFERENCE_YEAR - a;
    const first = dayOf(year, 1, 1);
    const days = dayOf(year + 1, 1, 1) - first;
    for (let i = cellStart[c]!; i < cellStart[c + 1]!; i++) {
      sex[i] = s;
      age[i] = a;
      birthDay[i] = first + rBirth.int(days);
    }
  }

  // 2. Heads: the first k persons of each cell (persons inside a cell are exchangeable).
  const rate = (c: number) => (c < AGES ? headshipMale(c) : headshipFemale(c - AGES));
  let lo = 0;
  let hi = 100;
  for (let iter = 0; iter < 80; iter++) {
    const lambda = (lo + hi) / 2;
    let total = 0;
    for (let c = 0; c < 2 * AGES; c++) total += Math.min(1, lambda * rate(c)) * cellCount[c]!;
    if (total < householdCount) lo = lambda;
    else hi = lambda;
  }
  const expectedHeads = new Float64Array(2 * AGES);
  for (let c = 0; c < 2 * AGES; c++) expectedHeads[c] = Math.min(1, hi * rate(c)) * cellCount[c]!;
  const headsPerCell = apportion(householdCount, expectedHeads);
  const H = householdCount;
  const hhHead = new Int32Array(H);
  const hhSpouse = new Int32Array(H).fill(NONE);
  const member = new Int32Array(alive).fill(NONE);
  const relation = new Uint8Array(alive).fill(RELATION.none);
  const next = new Int32Array(2 * AGES);
  let h = 0;
  for (let c = 0; c < 2 * AGES; c++) {
    const k = Math.min(headsPerCell[c]!, cellCount[c]!);
    for (let i = cellStart[c]!; i < cellStart[c]! + k && h < H; i++, h++) {
      hhHead[h] = i;
      member[i] = h;
      relation[i] = RELATION.head;
    }
    next[c] = cellStart[c]! + k;
  }
  const households = h;

  // 3. Spouses, taken from the not-yet-placed persons of the nearest cell.
  const take = (s: number, a: number, maxDistance: number): number => {
    for (let d = 0; d <= 2 * maxDistance; d++) {
      const x = a + (d & 1 ? (d + 1) >> 1 : -(d >> 1));
      if (x < 15 || x > MAX_AGE) continue;
      const c = cellOf(s, x);
      if (next[c]! < cellStart[c + 1]!) return next[c]!++;
    }
    return NONE;
  };
  const rSpouse = rngFor(seed, 'population.spouse');
  const order = new Int32Array(households);
  for (let i = 0; i < households; i++) order[i] = i;
  rSpouse.shuffle(order);
  for (let k = 0; k < households; k++) {
    const hh = order[k]!;
    const head = hhHead[hh]!;
    const a = age[head]!;
    const maleHead = sex[head] === MALE;
    const p = maleHead ? (a < 25 ? 0.85 : a < 65 ? 0.93 : a < 75 ? 0.8 : 0.6) : 0.22;
    if (!rSpouse.chance(p)) continue;
    const gap = Math.round(3 + 3.5 * rSpouse.normal());
    const target = maleHead ? Math.max(16, a - gap) : Math.max(18, a + gap);
    const spouse = take(maleHead ? FEMALE : MALE, Math.min(MAX_AGE, target), 8);
    if (spouse === NONE) continue;
    hhSpouse[hh] = spouse;
    member[spouse] = hh;
    relation[spouse] = RELATION.spouse;
  }

  // 4. Everyone else, by kinship. Buckets of households by the age of their woman and of their head.
  const motherOf = new Int32Array(households).fill(NONE);
  for (let hh = 0; hh < households; hh++) {
    const head = hhHead[hh]!;
    if (sex[head] === FEMALE) motherOf[hh] = head;
    else if (hhSpouse[hh] !== NONE) motherOf[hh] = hhSpouse[hh]!;
  }
  const byMotherAge = bucket(households, AGES, (hh) => (motherOf[hh] === NONE ? NONE : age[motherOf[hh]!]!));
  const byHeadAge = bucket(households, AGES, (hh) => age[hhHead[hh]!]!);
  const rKin = rngFor(seed, 'population.kinship');
  const load = new Uint16Array(households);
  for (let hh = 0; hh < households; hh++) load[hh] = hhSpouse[hh] === NONE ? 1 : 2;
  const near = (b: Bucket, target: number, spread: number): number => {
    for (let d = 0; d <= 2 * spread; d++) {
      // 0, +1, −1, +2, −2, …
      const x = target + (d & 1 ? (d + 1) >> 1 : -(d >> 1));
      if (x < 0 || x > MAX_AGE) continue;
      const n = b.start[x + 1]! - b.start[x]!;
      for (let tries = 0; tries < 3 && n > 0; tries++) {
        const hh = b.items[b.start[x]! + rKin.int(n)]!;
        if (load[hh]! < KIN_SIZE_LIMIT) return hh;
      }
    }
    return NONE;
  };
  for (let c = 0; c < 2 * AGES; c++) {
    for (let i = next[c]!; i < cellStart[c + 1]!; i++) {
      const a = age[i]!;
      let hh = NONE;
      let rel: number = RELATION.other;
      if (a <= 24) {
        rel = RELATION.child;
        let target = a + drawMotherAge(rKin);
        if (rKin.chance(0.12)) {
          const grand = target + drawMotherAge(rKin);
          if (grand <= 85) {
            target = grand;
            rel = RELATION.grandchild;
          }
        }
        hh = near(byMotherAge, target, 6);
      } else if (a < 60) {
        if (rKin.chance(0.5)) {
          rel = RELATION.child;
          hh = near(byMotherAge, a + drawMotherAge(rKin), 6);
        }
      } else {
        rel = RELATION.parent;
        hh = near(byHeadAge, a - drawMotherAge(rKin), 8);
      }
      if (hh === NONE) {
        do hh = rKin.int(households);
        while (load[hh]! >= KIN_SIZE_LIMIT);
        rel = RELATION.other;
      }
      load[hh]! += 1;
      member[i] = hh;
      relation[i] = rel;
    }
  }

  // 5. Provinces and urban areas: households in random order fill the quotas of persons.
  const size = new Int32Array(households);
  for (let i = 0; i < alive; i++) size[member[i]!]! += 1;
  const rPlace = rngFor(seed, 'population.place');
  const placeOrder = new Int32Array(households);
  for (let i = 0; i < households; i++) placeOrder[i] = i;
  rPlace.shuffle(placeOrder);
  const shares = provinceShares();
  const urbanShare = urbanShares(shares);
  const provinceQuota = apportion(alive, shares);
  const hhProvince = new Uint8Array(households);
  const hhUrban = new Uint8Array(households);
  {
    let p = 0;
    let filled = 0;
    let urbanQuota = Math.round(provinceQuota[0]! * urbanShare[0]!);
    let urbanFilled = 0;
    for (let k = 0; k < households; k++) {
      const hh = placeOrder[k]!;
      // Move on when this household would end nearer the next province's quota than this one's.
      while (p < shares.length - 1 && filled + size[hh]! / 2 > provinceQuota[p]!) {
        filled -= provinceQuota[p]!;
        p++;
        urbanQuota = Math.round(provinceQuota[p]! * urbanShare[p]!);
        urbanFilled = 0;
      }
      hhProvince[hh] = p + 1;
      if (urbanFilled + size[hh]! / 2 <= urbanQuota) {
        hhUrban[hh] = 1;
        urbanFilled += size[hh]!;
      }
      filled += size[hh]!;
    }
  }

  // Renumber: households in placing order (grouped by province), members contiguous, head first.
  const newHousehold = new Int32Array(households);
  for (let k = 0; k < households; k++) newHousehold[placeOrder[k]!] = k;
  const first = new Int32Array(households + 1);
  for (let hh = 0; hh < households; hh++) first[newHousehold[hh]! + 1] = size[hh]!;
  for (let k = 0; k < households; k++) first[k + 1]! += first[k]!;
  // Head first, spouse second, then the others in cell order (men then women, younger first).
  const fill = new Int32Array(households);
  for (let hh = 0; hh < households; hh++)
    fill[hh] = first[newHousehold[hh]!]! + (hhSpouse[hh] === NONE ? 1 : 2);
  const newIndex = new Int32Array(alive);
  for (let i = 0; i < alive; i++) {
    const hh = member[i]!;
    const r = relation[i]!;
    const base = first[newHousehold[hh]!]!;
    newIndex[i] = r === RELATION.head ? base : r === RELATION.spouse ? base + 1 : fill[hh]!++;
  }
  const oldOf = new Int32Array(alive);
  for (let i = 0; i < alive; i++) oldOf[newIndex[i]!] = i;

  // 6. Deaths since 2008.
  const pyrShares = cellShares;
  const deathWeights: number[] = [];
  const firstYear = 2008;
  for (let y = firstYear; y <= REFERENCE_YEAR; y++) {
    const popFactor = Math.exp(GROWTH_RATE * (y + 0.5 - (REFERENCE_YEAR + 1)));
    for (let c = 0; c < 2 * AGES; c++) {
      const mRate = c < AGES ? LIFE_MALE.m[c]! : LIFE_FEMALE.m[c - AGES]!;
      deathWeights.push(popFactor * pyrShares[c]! * mRate);
    }
  }
  const totalDeathRate = deathWeights.reduce((s, w) => s + w, 0);
  const deceased = Math.round(alive * totalDeathRate);
  const deathCells = apportion(deceased, deathWeights);

  const count = alive + deceased;
  const persons = newPersons(count, alive);
  // One array at a time, in the new order: sequential writes, one stream of reads.
  for (let j = 0; j < alive; j++) persons.sex[j] = sex[oldOf[j]!]!;
  for (let j = 0; j < alive; j++) persons.age[j] = age[oldOf[j]!]!;
  for (let j = 0; j < alive; j++) persons.birthDay[j] = birthDay[oldOf[j]!]!;
  for (let j = 0; j < alive; j++) persons.relation[j] = relation[oldOf[j]!]!;
  for (let k = 0; k < households; k++) persons.household.fill(k, first[k]!, first[k + 1]!);
  const hs: Households = {
    count: households,
    province: new Uint8Array(households),
    urban: new Uint8Array(households),
    head: new Int32Array(households),
    first: first.slice(0, households),
    size: new Uint16Array(households),
  };
  for (let hh = 0; hh < households; hh++) {
    const k = newHousehold[hh]!;
    hs.province[k] = hhProvince[hh]!;
    hs.urban[k] = hhUrban[hh]!;
    hs.size[k] = size[hh]!;
    hs.head[k] = newIndex[hhHead[hh]!]!;
  }
  for (let i = 0; i < alive; i++) {
    const hh = persons.household[i]!;
    persons.province[i] = hs.province[hh]!;
    persons.urban[i] = hs.urban[hh]!;
  }

  const rDeath = rngFor(seed, 'population.death');
  const provinceCumulative = cumulative(Array.from(shares));
  let j = alive;
  for (let cell = 0; cell < deathCells.length; cell++) {
    const y = firstYear + Math.floor(cell / (2 * AGES));
    const c = cell % (2 * AGES);
    const s = c < AGES ? MALE : FEMALE;
    const a = c % AGES;
    const yearStart = dayOf(y, 1, 1);
    const yearDays = Math.min(dayOf(y + 1, 1, 1), REFERENCE_DAY + 1) - yearStart;
    for (let k = 0; k < deathCells[cell]!; k++, j++) {
      const death = yearStart + rDeath.int(yearDays);
      // Born a years and a random part of a year before dying.
      const birth = death - Math.floor((a + rDeath.next()) * 365.2425) - 1;
      persons.sex[j] = s;
      persons.age[j] = a;
      persons.deathDay[j] = death;
      persons.birthDay[j] = birth;
      const p = rDeath.pick(provinceCumulative);
      persons.province[j] = p + 1;
      persons.urban[j] = rDeath.chance(urbanShare[p]!) ? 1 : 0;
    }
  }

  assignNames(seed, persons, hs);
  assignDisability(seed, persons);
  return { persons, households: hs };
}

type Bucket = { start: Int32Array; items: Int32Array };

/** Compressed lists of items by a small key (NONE keys are left out). */
function bucket(n: number, keys: number, keyOf: (i: number) => number): Bucket {
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (k !== NONE) start[k + 1]! += 1;
  }
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keys);
  const items = new Int32Array(start[keys]!);
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (k !== NONE) items[fill[k]!++] = i;
  }
  return { start, items };
}

/**
 * Family names pass from father to children (modern usage): a household has one family name for
 * the head's children; a wife keeps her own. Given names by sex.
 */
function assignNames(seed: number, persons: Persons, hs: Households): void {
  const r = rngFor(seed, 'population.names');
  for (let hh = 0; hh < hs.count; hh++) {
    const family = drawFamilyName(r);
    const head = hs.head[hh]!;
    const maleHead = persons.sex[head] === MALE;
    for (let i = hs.first[hh]!; i < hs.first[hh]! + hs.size[hh]!; i++) {
      const rel = persons.relation[i]!;
      const s = persons.sex[i]!;
      let f: number;
      if (rel === RELATION.head) f = maleHead ? family : drawFamilyName(r);
      else if (rel === RELATION.child || rel === RELATION.grandchild) f = family;
      else if (rel === RELATION.parent && maleHead && s === MALE) f = family;
      else f = drawFamilyName(r);
      persons.familyName[i] = f;
      persons.givenName[i] = drawGivenName(r, s);
    }
  }
  for (let i = persons.alive; i < persons.count; i++) {
    persons.familyName[i] = drawFamilyName(r);
    persons.givenName[i] = drawGivenName(r, persons.sex[i]!);
  }
}

function assignDisability(seed: number, persons: Persons): void {
  const r = rngFor(seed, 'population.disability');
  for (let i = 0; i < persons.count; i++) {
    if (r.chance(disabilityPrevalence(persons.age[i]!)))
      persons.disability[i] = r.chance(SEVERE_SHARE) ? 2 : 1;
  }
}
