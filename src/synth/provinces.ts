/**
 * @module synth/provinces
 * The 25 provinces (NIS codes 1–25), their region, their Khmer name, and how the synthetic
 * population is spread over them.
 *
 * What REFERENCE.md gives (§7.1, B8): the 2019 census total 15,552,221; Phnom Penh 2,129,371; Kep
 * 41,798; regional shares Central Plains 48.9 %, Tonle Sap 31.4 %, Plateau and Mountain 12.7 %,
 * Coastal 6.9 % (they add up to 99.9 %, so they are normalised); urban 39.4 %.
 *
 * Assumptions (recorded in ARCHITECTURE.md):
 * - Within a region, the other provinces are weighted by approximate 2019 census counts recalled
 *   from memory (`weight2019` below, [memory-unverified]); only their proportions inside the region
 *   are used, and each region is then scaled to its REFERENCE.md share with Phnom Penh and Kep
 *   fixed at their census counts.
 * - Every province grows at the national rate, so 2025 shares equal 2019 shares.
 * - Phnom Penh is wholly urban. The other provinces' urban shares are relative weights (larger
 *   for provincial towns, border and port cities), multiplied by one common factor so that the
 *   national urban share is 39.4 %.
 */

export type Region = 'central_plains' | 'tonle_sap' | 'plateau_mountain' | 'coastal';

export const REGION_SHARES: Readonly<Record<Region, number>> = {
  central_plains: 0.489,
  tonle_sap: 0.314,
  plateau_mountain: 0.127,
  coastal: 0.069,
};

export const CENSUS_2019_TOTAL = 15_552_221;
export const PHNOM_PENH_2019 = 2_129_371;
export const KEP_2019 = 41_798;
export const URBAN_SHARE = 0.394;

export type Province = {
  /** NIS code, 1..25. */
  code: number;
  name: string;
  km: string;
  region: Region;
  /** Approximate 2019 census count: a within-region weight only ([memory-unverified]). */
  weight2019: number;
  /** Relative urbanisation (assumption); scaled by one common factor. */
  urbanWeight: number;
};

export const PROVINCES: readonly Province[] = [
  {
    code: 1,
    name: 'Banteay Meanchey',
    km: 'បន្ទាយមានជ័យ',
    region: 'tonle_sap',
    weight2019: 861_883,
    urbanWeight: 0.33,
  },
  { code: 2, name: 'Battambang', km: 'បាត់ដំបង', region: 'tonle_sap', weight2019: 997_169, urbanWeight: 0.3 },
  {
    code: 3,
    name: 'Kampong Cham',
    km: 'កំពង់ចាម',
    region: 'central_plains',
    weight2019: 899_791,
    urbanWeight: 0.2,
  },
  {
    code: 4,
    name: 'Kampong Chhnang',
    km: 'កំពង់ឆ្នាំង',
    region: 'tonle_sap',
    weight2019: 527_027,
    urbanWeight: 0.18,
  },
  {
    code: 5,
    name: 'Kampong Speu',
    km: 'កំពង់ស្ពឺ',
    region: 'plateau_mountain',
    weight2019: 877_523,
    urbanWeight: 0.18,
  },
  { code: 6, name: 'Kampong Thom', km: 'កំពង់ធំ', region: 'tonle_sap', weight2019: 677_260, urbanWeight: 0.15 },
  { code: 7, name: 'Kampot', km: 'កំពត', region: 'coastal', weight2019: 592_845, urbanWeight: 0.2 },
  { code: 8, name: 'Kandal', km: 'កណ្ដាល', region: 'central_plains', weight2019: 1_201_581, urbanWeight: 0.4 },
  { code: 9, name: 'Koh Kong', km: 'កោះកុង', region: 'coastal', weight2019: 123_618, urbanWeight: 0.35 },
  {
    code: 10,
    name: 'Kratie',
    km: 'ក្រចេះ',
    region: 'plateau_mountain',
    weight2019: 372_825,
    urbanWeight: 0.2,
  },
  {
    code: 11,
    name: 'Mondulkiri',
    km: 'មណ្ឌលគិរី',
    region: 'plateau_mountain',
    weight2019: 88_649,
    urbanWeight: 0.3,
  },
  {
    code: 12,
    name: 'Phnom Penh',
    km: 'ភ្នំពេញ',
    region: 'central_plains',
    weight2019: PHNOM_PENH_2019,
    urbanWeight: 1,
  },
  {
    code: 13,
    name: 'Preah Vihear',
    km: 'ព្រះវិហារ',
    region: 'plateau_mountain',
    weight2019: 254_827,
    urbanWeight: 0.15,
  },
  {
    code: 14,
    name: 'Prey Veng',
    km: 'ព្រៃវែង',
    region: 'central_plains',
    weight2019: 1_057_720,
    urbanWeight: 0.12,
  },
  { code: 15, name: 'Pursat', km: 'ពោធិ៍សាត់', region: 'tonle_sap', weight2019: 411_759, urbanWeight: 0.18 },
  {
    code: 16,
    name: 'Ratanakiri',
    km: 'រតនគិរី',
    region: 'plateau_mountain',
    weight2019: 217_453,
    urbanWeight: 0.25,
  },
  {
    code: 17,
    name: 'Siem Reap',
    km: 'សៀមរាប',
    region: 'tonle_sap',
    weight2019: 1_014_234,
    urbanWeight: 0.33,
  },
  {
    code: 18,
    name: 'Preah Sihanouk',
    km: 'ព្រះសីហនុ',
    region: 'coastal',
    weight2019: 310_072,
    urbanWeight: 0.55,
  },
  {
    code: 19,
    name: 'Stung Treng',
    km: 'ស្ទឹងត្រែង',
    region: 'plateau_mountain',
    weight2019: 165_713,
    urbanWeight: 0.25,
  },
  {
    code: 20,
    name: 'Svay Rieng',
    km: 'ស្វាយរៀង',
    region: 'central_plains',
    weight2019: 525_497,
    urbanWeight: 0.25,
  },
  { code: 21, name: 'Takeo', km: 'តាកែវ', region: 'central_plains', weight2019: 900_914, urbanWeight: 0.15 },
  {
    code: 22,
    name: 'Oddar Meanchey',
    km: 'ឧត្ដរមានជ័យ',
    region: 'tonle_sap',
    weight2019: 276_038,
    urbanWeight: 0.22,
  },
  { code: 23, name: 'Kep', km: 'កែប', region: 'coastal', weight2019: KEP_2019, urbanWeight: 0.4 },
  { code: 24, name: 'Pailin', km: 'ប៉ៃលិន', region: 'tonle_sap', weight2019: 75_112, urbanWeight: 0.4 },
  {
    code: 25,
    name: 'Tboung Khmum',
    km: 'ត្បូងឃ្មុំ',
    region: 'central_plains',
    weight2019: 776_841,
    urbanWeight: 0.15,
  },
];

export const PHNOM_PENH = 12;
export const KEP = 23;
export const SIEM_REAP = 17;
export const PREAH_SIHANOUK = 18;
export const KANDAL = 8;

/** Province by code (index 0 unused). */
export function province(code: number): Province {
  const p = PROVINCES[code - 1];
  if (!p || p.code !== code) throw new Error(`no province with code ${code}`);
  return p;
}

/**
 * Each province's share of the national population (index = code - 1): Phnom Penh and Kep at their
 * 2019 counts, every region at its REFERENCE.md share (normalised), other provinces by their
 * within-region weight.
 */
export function provinceShares(): Float64Array {
  const shares = new Float64Array(PROVINCES.length);
  const regionTotal = Object.values(REGION_SHARES).reduce((a, b) => a + b, 0);
  const fixed: Record<number, number> = { [PHNOM_PENH]: PHNOM_PENH_2019, [KEP]: KEP_2019 };
  for (const region of Object.keys(REGION_SHARES) as Region[]) {
    const inRegion = PROVINCES.filter((p) => p.region === region);
    const regionShare = REGION_SHARES[region] / regionTotal;
    const fixedShare = inRegion.reduce((s, p) => s + (fixed[p.code] ?? 0) / CENSUS_2019_TOTAL, 0);
    const free = inRegion.filter((p) => fixed[p.code] === undefined);
    const freeWeight = free.reduce((s, p) => s + p.weight2019, 0);
    for (const p of inRegion) {
      const f = fixed[p.code];
      shares[p.code - 1] =
        f !== undefined ? f / CENSUS_2019_TOTAL : ((regionShare - fixedShare) * p.weight2019) / freeWeight;
    }
  }
  return shares;
}

/**
 * Each province's urban share: 1 for Phnom Penh, the others' weights times one factor chosen so
 * that the national share is `URBAN_SHARE` (capped at 0.95).
 */
export function urbanShares(shares: Float64Array = provinceShares()): Float64Array {
  const out = new Float64Array(PROVINCES.length);
  const ppShare = shares[PHNOM_PENH - 1]!;
  let lo = 0;
  let hi = 10;
  for (let iter = 0; iter < 60; iter++) {
    const k = (lo + hi) / 2;
    let urban = ppShare;
    for (const p of PROVINCES)
      if (p.code !== PHNOM_PENH) urban += shares[p.code - 1]! * Math.min(0.95, k * p.urbanWeight);
    if (urban < URBAN_SHARE) lo = k;
    else hi = k;
  }
  for (const p of PROVINCES) out[p.code - 1] = p.code === PHNOM_PENH ? 1 : Math.min(0.95, lo * p.urbanWeight);
  return out;
}
