/**
 * @module synth/targets
 * The figures the synthetic Cambodia is calibrated to, each with the REFERENCE.md section it
 * comes from (or marked as an assumption), at scale 1. The calibration report prints every
 * generated aggregate beside these, and the tests check them at a small scale.
 */
import { dayOf, REFERENCE_DAY } from './calendar.js';
import { GROWTH_RATE } from './schedules.js';

/** Census night of the 2019 General Population Census (3 March 2019, REFERENCE.md §7.1). */
export const CENSUS_DAY = dayOf(2019, 3, 3);
export const CENSUS_2019_POPULATION = 15_552_221;
export const CENSUS_2019_HOUSEHOLDS = 3_553_021;

/**
 * Living persons at the end of the reference month: the 2019 census total grown at 1.4 % a year
 * (§7.1) from census night to 2025-12-31, 6.83 years: 15,552,221 × 1.014^6.83 ≈ 17.10 million.
 */
export const POPULATION_2025 = Math.round(
  CENSUS_2019_POPULATION * Math.exp(Math.log(1 + GROWTH_RATE) * ((REFERENCE_DAY - CENSUS_DAY) / 365.25)),
);

/**
 * Households: 3.6 million, the figure of the design guide ("about 3.5 million households") and of
 * the brief (3.5–3.6 million), 1.3 % above the 2019 census count (§7.1). With 17.1 million
 * persons this is 4.75 persons a household, above the census average of 4.4–4.6 (§7.1, B8): the
 * two figures cannot both hold in 2025, and the household count was kept (assumption).
 */
export const HOUSEHOLDS_2025 = 3_600_000;

/** Riel per US dollar for wages set in dollars (§7.2: 4,065–4,110 in 2023; SSA 2022 ≈ 4,098). */
export const RIEL_PER_USD = 4_100;

/** Private-sector employees active in the reference month (§2.8: 2,584,706 in Feb 2023). */
export const PRIVATE_EMPLOYEES = 2_600_000;
/** Garment and footwear workers and factories, 2024 (§7.3). */
export const GARMENT_WORKERS = 913_000;
export const GARMENT_FACTORIES = 1_538;
/** Construction and tourism employees (assumption: no REFERENCE.md figure). */
export const CONSTRUCTION_WORKERS = 260_000;
export const TOURISM_WORKERS = 280_000;
/** Enterprises other than garment (assumption), giving about 10,000 in all (§2.4: about 10,000 firms). */
export const CONSTRUCTION_FIRMS = 1_600;
export const TOURISM_FIRMS = 2_400;
export const OTHER_FIRMS = 4_500;
/** Enterprises that closed between 2008 and 2025, as a share of the active ones (assumption). */
export const CLOSED_FIRM_SHARE = 0.15;

/**
 * Civil servants in service in the reference month: 320,000, between the 257,644 registered for
 * occupational risk in February 2023 and "about 400,000 public-sector workers" (§2.8).
 */
export const CIVIL_SERVANTS = 320_000;
/** Civil servants who retired since 2008 (B4: 54,437 retired officials paid in 2023). */
export const RETIRED_CIVIL_SERVANTS = 55_000;
/** Civil servants who left the service since 2008 for other reasons, and who died in service (assumption). */
export const LEFT_CIVIL_SERVICE = 16_000;
export const DIED_IN_CIVIL_SERVICE = 6_000;
/** Veterans in the NFV register (assumption: REFERENCE.md has no count; §2.7 has 313,000 pensioners of both schemes in 2015). */
export const VETERANS = 100_000;
/** Domestic workers employed by households and casual workers (assumption). */
export const DOMESTIC_WORKERS = 60_000;
export const CASUAL_WORKERS = 450_000;
/** Self-employed share of the workforce (§2.8, Kiripost: 65 %). */
export const SELF_EMPLOYED_SHARE = 0.65;
/**
 * Former private-sector employees: registered with NSSF since 2008 but not employed in the
 * reference month, as a share of the active ones (assumption, chosen so that the three registers
 * hold about 3.3 million member records: the 2.6 million private employees and 0.32 million civil
 * servants of today already make 2.9 million, before anyone who left or died since 2008).
 */
export const FORMER_PRIVATE_SHARE = 0.08;

/** Persons below the national poverty line (§3.8, CSES 2019/20). */
export const POVERTY_RATE = { national: 0.178, phnomPenh: 0.042, otherUrban: 0.126, rural: 0.228 } as const;
/** National poverty line, riel per person per day (§3.8). */
export const POVERTY_LINE_KHR_PER_DAY = 10_951;
/** IDPoor households (B3.3, §3.4: about 700,000 households, 2.8 million people). */
export const IDPOOR_HOUSEHOLDS = 700_000;
export const IDPOOR_PERSONS = 2_800_000;
/** Share of IDPoor households at level 1 (assumption: REFERENCE.md gives no split). */
export const IDPOOR_LEVEL1_SHARE = 0.4;

const PHNOM_PENH_SHARE_2019 = 2_129_371 / CENSUS_2019_POPULATION;
const KEP_SHARE_2019 = 41_798 / CENSUS_2019_POPULATION;

export type Target = {
  key: string;
  label: string;
  /** The target at scale 1 (counts) or as a share/rate. */
  value: number;
  /** Counts scale with the run; shares and rates do not. */
  kind: 'count' | 'share' | 'rate';
  section: string;
};

/** Every calibrated aggregate; `calibration.ts` computes the generated value of each. */
export const TARGETS: readonly Target[] = [
  {
    key: 'persons',
    label: 'Living persons, 2025-12',
    value: POPULATION_2025,
    kind: 'count',
    section: '§7.1 (census 2019 × 1.014^6.83)',
  },
  {
    key: 'households',
    label: 'Households',
    value: HOUSEHOLDS_2025,
    kind: 'count',
    section: 'DESIGN.md; §7.1 2019: 3,553,021',
  },
  {
    key: 'household_size',
    label: 'Average household size',
    value: 4.5,
    kind: 'rate',
    section: '§7.1, B8 (4.4–4.6)',
  },
  {
    key: 'phnom_penh',
    label: 'Phnom Penh persons',
    value: PHNOM_PENH_SHARE_2019 * POPULATION_2025,
    kind: 'count',
    section: 'B8 (2,129,371 in 2019, grown)',
  },
  {
    key: 'kep',
    label: 'Kep persons',
    value: KEP_SHARE_2019 * POPULATION_2025,
    kind: 'count',
    section: 'B8 (41,798 in 2019, grown)',
  },
  {
    key: 'region_central_plains',
    label: 'Central Plains share',
    value: 0.489 / 0.999,
    kind: 'share',
    section: 'B8',
  },
  { key: 'region_tonle_sap', label: 'Tonle Sap share', value: 0.314 / 0.999, kind: 'share', section: 'B8' },
  {
    key: 'region_plateau_mountain',
    label: 'Plateau/Mountain share',
    value: 0.127 / 0.999,
    kind: 'share',
    section: 'B8',
  },
  { key: 'region_coastal', label: 'Coastal share', value: 0.069 / 0.999, kind: 'share', section: 'B8' },
  { key: 'urban', label: 'Urban share', value: 0.394, kind: 'share', section: '§7.1' },
  { key: 'male', label: 'Male share', value: 0.487, kind: 'share', section: '§7.1' },
  { key: 'age_0_14', label: 'Aged 0–14', value: 0.294, kind: 'share', section: '§7.1' },
  { key: 'age_15_59', label: 'Aged 15–59', value: 0.617, kind: 'share', section: '§7.1' },
  { key: 'age_60_plus', label: 'Aged 60+', value: 0.089, kind: 'share', section: '§7.1' },
  { key: 'tfr', label: 'Total fertility rate (births of 2025)', value: 2.5, kind: 'rate', section: '§7.1' },
  {
    key: 'e0',
    label: 'Life expectancy at birth (deaths 2021–2025)',
    value: 70,
    kind: 'rate',
    section: '§7.1 (UNFPA 2018)',
  },
  {
    key: 'imr',
    label: 'Infant mortality per 1,000 (deaths 2021–2025)',
    value: 18,
    kind: 'rate',
    section: '§7.1',
  },
  {
    key: 'poverty',
    label: 'Persons poor (true consumption)',
    value: POVERTY_RATE.national,
    kind: 'share',
    section: '§3.8',
  },
  {
    key: 'poverty_phnom_penh',
    label: 'Poor, Phnom Penh',
    value: POVERTY_RATE.phnomPenh,
    kind: 'share',
    section: '§3.8',
  },
  {
    key: 'poverty_other_urban',
    label: 'Poor, other urban',
    value: POVERTY_RATE.otherUrban,
    kind: 'share',
    section: '§3.8',
  },
  { key: 'poverty_rural', label: 'Poor, rural', value: POVERTY_RATE.rural, kind: 'share', section: '§3.8' },
  {
    key: 'idpoor_households',
    label: 'IDPoor households (levels 1 and 2)',
    value: IDPOOR_HOUSEHOLDS,
    kind: 'count',
    section: 'B3.3, §3.4',
  },
  {
    key: 'idpoor_persons',
    label: 'Persons in IDPoor households',
    value: IDPOOR_PERSONS,
    kind: 'count',
    section: 'B3.3, §3.4',
  },
  {
    key: 'private_employees',
    label: 'Private-sector employees, 2025-12',
    value: PRIVATE_EMPLOYEES,
    kind: 'count',
    section: '§2.8 (2,584,706 in Feb 2023)',
  },
  {
    key: 'garment_workers',
    label: 'Garment and footwear workers',
    value: GARMENT_WORKERS,
    kind: 'count',
    section: '§7.3 (2024)',
  },
  {
    key: 'garment_factories',
    label: 'Garment and footwear factories',
    value: GARMENT_FACTORIES,
    kind: 'count',
    section: '§7.3 (2024)',
  },
  {
    key: 'enterprises',
    label: 'Active enterprises',
    value: 10_000,
    kind: 'count',
    section: '§2.4 (about 10,000 firms, 2022)',
  },
  {
    key: 'civil_servants',
    label: 'Civil servants in service',
    value: CIVIL_SERVANTS,
    kind: 'count',
    section: '§2.8 (257,644 – 400,000)',
  },
  {
    key: 'self_employed_share',
    label: 'Self-employed share of the workforce',
    value: SELF_EMPLOYED_SHARE,
    kind: 'share',
    section: '§2.8',
  },
  {
    key: 'garment_at_minimum',
    label: 'Garment workers paid at least US$208',
    value: 1,
    kind: 'share',
    section: '§7.3 (2025 minimum wage)',
  },
  {
    key: 'register_records',
    label: 'Member records in the three registers',
    value: 3_000_000,
    kind: 'count',
    section: 'brief (about 3 million)',
  },
];
