/**
 * @module synth/schedules
 * The demographic schedules behind the synthetic population: a mortality schedule per sex
 * calibrated to life expectancy at birth, an age-specific fertility schedule scaled to the total
 * fertility rate, and the age-sex pyramid of 2025 that follows from them and the 2019 census age
 * structure. Pure numbers, no randomness: the generator draws persons from these.
 *
 * Targets (REFERENCE.md §7.1): TFR 2.5 (2019 census); life expectancy 70 (UNFPA 2018: men 68,
 * women 72); infant mortality 18 per 1,000; growth 1.4 % a year; ages 0–14 29.4 %, 15–59 61.7 %,
 * 60+ 8.9 %; men 48.7 %.
 *
 * Assumptions (ARCHITECTURE.md):
 * - Mortality follows a Siler model, μ(x) = a1·e^(−b1·x) + a2 + a3·e^(b3·x): an infant term set to
 *   the infant mortality rate, a constant accident term, and a Gompertz senescent term whose level
 *   a3 is solved so that e0 is 68 (men) and 72 (women).
 * - The shape of fertility by age is the 2014 Cambodia DHS pattern recalled from memory (births
 *   per 1,000 women 15–19: 57, 20–24: 153, 25–29: 150, 30–34: 111, 35–39: 67, 40–44: 25,
 *   45–49: 4; [memory-unverified]), spread evenly over single years and scaled to TFR 2.5.
 * - The pyramid is a smooth curve with the census broad groups: age 0 holds the survivors of the
 *   births of the last year (TFR × women by age × the fertility shape); inside 0–14 the yearly
 *   cohorts change at a constant rate g, solved so that 0–14 is 29.4 %; 15–59 continues that
 *   curve and declines at the rate giving 61.7 %; 60+ continues it again, declining with survival
 *   and an extra rate giving 8.9 % (older cohorts are thinner than survival alone would make
 *   them). Men and women split each age by their survival from 105 boys per 100 girls at birth,
 *   shifted evenly to 48.7 % men. The 2019 census age structure is thus applied to 2025.
 */

export const MAX_AGE = 100;
export const AGES = MAX_AGE + 1;

export const TARGET_TFR = 2.5;
export const TARGET_E0_MALE = 68;
export const TARGET_E0_FEMALE = 72;
export const TARGET_E0 = 70;
export const TARGET_IMR = 0.018;
export const GROWTH_RATE = 0.014;
export const SEX_RATIO_AT_BIRTH = 1.05;
export const MALE_SHARE = 0.487;
export const AGE_GROUP_SHARES = { children: 0.294, working: 0.617, elderly: 0.089 } as const;

export type Siler = { a1: number; b1: number; a2: number; a3: number; b3: number };

/** ∫ μ over [x, x+1]. */
function cumulativeHazard(m: Siler, x: number): number {
  const infant = (m.a1 / m.b1) * (Math.exp(-m.b1 * x) - Math.exp(-m.b1 * (x + 1)));
  const senescent = (m.a3 / m.b3) * (Math.exp(m.b3 * (x + 1)) - Math.exp(m.b3 * x));
  return infant + m.a2 + senescent;
}

export type LifeTable = {
  /** Survivors to exact age x out of 1 (x = 0..AGES). */
  l: Float64Array;
  /** Person-years lived between x and x+1. */
  L: Float64Array;
  /** Central death rate at age x. */
  m: Float64Array;
  e0: number;
};

export function lifeTable(model: Siler): LifeTable {
  const l = new Float64Array(AGES + 1);
  const L = new Float64Array(AGES);
  const m = new Float64Array(AGES);
  l[0] = 1;
  for (let x = 0; x < AGES; x++) {
    const h = x === MAX_AGE ? 50 : cumulativeHazard(model, x);
    l[x + 1] = l[x]! * Math.exp(-h);
    const d = l[x]! - l[x + 1]!;
    // Deaths fall early in the first year of life, mid-year afterwards.
    const a = x === 0 ? 0.15 : 0.5;
    L[x] = x === MAX_AGE ? l[x]! / Math.max(h, 1e-9) : l[x + 1]! + a * d;
    m[x] = L[x]! > 0 ? d / L[x]! : 1;
  }
  let e0 = 0;
  for (let x = 0; x < AGES; x++) e0 += L[x]!;
  return { l, L, m, e0 };
}

/** A Siler model with the given infant mortality, its senescent level solved for e0. */
export function siler(targetE0: number, imr: number, accident: number): Siler {
  const b1 = 1.5;
  const b3 = 0.09;
  // q0 = 1 − exp(−∫0..1 μ): the infant term carries the infant mortality rate.
  const a1 = ((-Math.log(1 - imr) - accident) * b1) / (1 - Math.exp(-b1));
  let lo = 1e-7;
  let hi = 1e-2;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    const e0 = lifeTable({ a1, b1, a2: accident, a3: mid, b3 }).e0;
    if (e0 > targetE0) lo = mid;
    else hi = mid;
  }
  return { a1, b1, a2: accident, a3: Math.sqrt(lo * hi), b3 };
}

export const MORTALITY_MALE = siler(TARGET_E0_MALE, TARGET_IMR * 1.1, 0.0012);
export const MORTALITY_FEMALE = siler(TARGET_E0_FEMALE, TARGET_IMR * 0.9, 0.0006);
export const LIFE_MALE = lifeTable(MORTALITY_MALE);
export const LIFE_FEMALE = lifeTable(MORTALITY_FEMALE);

/** Births per 1,000 women by five-year group 15–19 … 45–49 (shape only; DHS 2014, from memory). */
const ASFR_SHAPE_5Y = [57, 153, 150, 111, 67, 25, 4];

/** Share of a woman's lifetime births at each age (sums to 1 over 15..49; 0 elsewhere). */
export const FERTILITY_SHAPE: Float64Array = (() => {
  const out = new Float64Array(AGES);
  const total = ASFR_SHAPE_5Y.reduce((a, b) => a + b, 0) * 5;
  for (let x = 15; x < 50; x++) out[x] = ASFR_SHAPE_5Y[Math.floor((x - 15) / 5)]! / total;
  return out;
})();

/** Age-specific fertility rates: TFR × shape. */
export function asfr(tfr = TARGET_TFR): Float64Array {
  return FERTILITY_SHAPE.map((s) => s * tfr);
}

export type Pyramid = {
  /** Persons by age (0..MAX_AGE), shares of the whole population. */
  male: Float64Array;
  female: Float64Array;
  /** Yearly change of birth cohorts inside 0–14. */
  childCohortGrowth: number;
};

/** Solves f(k) = target for k in [lo, hi], f decreasing in k. */
function solveDecreasing(f: (k: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The 2025 age-sex pyramid (shares summing to 1); see the module comment for the method. */
export function pyramid(): Pyramid {
  const pMale = SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH);
  const sum = AGE_GROUP_SHARES.children + AGE_GROUP_SHARES.working + AGE_GROUP_SHARES.elderly;
  const targets = [
    AGE_GROUP_SHARES.children / sum,
    AGE_GROUP_SHARES.working / sum,
    AGE_GROUP_SHARES.elderly / sum,
  ];
  // Person-years by age of a birth cohort, both sexes together.
  const L = new Float64Array(AGES);
  for (let x = 0; x < AGES; x++) L[x] = pMale * LIFE_MALE.L[x]! + (1 - pMale) * LIFE_FEMALE.L[x]!;
  const density = new Float64Array(AGES);
  let male = new Float64Array(AGES);
  let female = new Float64Array(AGES);
  let age0 = targets[0]! / 15;
  let g = 0;
  for (let outer = 0; outer < 40; outer++) {
    // Children: cohorts changing at rate g, anchored on the births of the last year.
    g = solveDecreasing(
      (k) => {
        let s = 0;
        for (let x = 0; x < 15; x++) s += age0 * Math.exp(-k * x) * (L[x]! / L[0]!);
        return s;
      },
      targets[0]!,
      -0.5,
      0.5,
    );
    for (let x = 0; x < 15; x++) density[x] = age0 * Math.exp(-g * x) * (L[x]! / L[0]!);
    // Working ages: continuing the children's curve at 15, declining at a rate k1 that gives the
    // census share of 15–59.
    const d15 = density[14]! * Math.exp(-g) * (L[15]! / L[14]!);
    const k1 = solveDecreasing(
      (k) => {
        let s = 0;
        for (let x = 15; x < 60; x++) s += d15 * Math.exp(-k * (x - 15)) * (L[x]! / L[15]!);
        return s;
      },
      targets[1]!,
      -0.5,
      0.5,
    );
    for (let x = 15; x < 60; x++) density[x] = d15 * Math.exp(-k1 * (x - 15)) * (L[x]! / L[15]!);
    // 60 and over: continuing at 60, with an extra decline k2 for the census share of 60+ (older
    // cohorts are thinner than survival alone would make them).
    const d60 = density[59]! * Math.exp(-k1) * (L[60]! / L[59]!);
    const k2 = solveDecreasing(
      (k) => {
        let s = 0;
        for (let x = 60; x < AGES; x++) s += d60 * Math.exp(-k * (x - 60)) * (L[x]! / L[60]!);
        return s;
      },
      targets[2]!,
      -0.5,
      0.5,
    );
    for (let x = 60; x < AGES; x++) density[x] = d60 * Math.exp(-k2 * (x - 60)) * (L[x]! / L[60]!);
    // Sexes by survival, then raked to the census share of men, keeping each age's total.
    for (let x = 0; x < AGES; x++) {
      const m = pMale * LIFE_MALE.L[x]!;
      const f = (1 - pMale) * LIFE_FEMALE.L[x]!;
      male[x] = (density[x]! * m) / (m + f);
      female[x] = (density[x]! * f) / (m + f);
    }
    let m = 0;
    for (let x = 0; x < AGES; x++) m += male[x]!;
    // Shift men and women at every age by the same small tilt towards the wanted share.
    const shift = MALE_SHARE - m;
    for (let x = 0; x < AGES; x++) {
      male[x] = male[x]! + shift * density[x]!;
      female[x] = female[x]! - shift * density[x]!;
    }
    // Births of the last year implied by TFR and the women by age; age 0 holds their survivors.
    const f = asfr();
    let births = 0;
    for (let x = 15; x < 50; x++) births += f[x]! * female[x]!;
    age0 = births * L[0]!;
    male = Float64Array.from(male);
    female = Float64Array.from(female);
  }
  return { male, female, childCohortGrowth: g };
}

/** Crude death rate of a population with the pyramid's shares and the life tables' rates. */
export function crudeDeathRate(p: Pyramid): number {
  let d = 0;
  for (let x = 0; x < AGES; x++) d += p.male[x]! * LIFE_MALE.m[x]! + p.female[x]! * LIFE_FEMALE.m[x]!;
  return d;
}
