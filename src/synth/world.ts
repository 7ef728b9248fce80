/**
 * @module synth/world
 * The synthetic Cambodia in memory: one typed array per variable, indexed by person, household
 * or employer, never one JS object per person (17 million objects would not fit the machine's
 * budget). The generator's stages fill these arrays in turn (population, work, poverty), and the
 * writers read them.
 *
 * Conventions: `NONE` (−1) marks a missing index or number; `NO_DAY` a missing day; persons are
 * ordered by household (members of a household are contiguous, head first), living persons
 * first and persons who died since 2008 after them.
 */

export const NONE = -1;
export const NO_DAY = -2147483648;

export const MALE = 1;
export const FEMALE = 2;

/** Relation to the household head. */
export const RELATION = {
  head: 0,
  spouse: 1,
  child: 2,
  grandchild: 3,
  parent: 4,
  other: 5,
  none: 9,
} as const;

/** Main activity in the reference month. */
export const WORK_STATUS = {
  none: 0,
  privateEmployee: 1,
  civilServant: 2,
  domesticWorker: 3,
  casualWorker: 4,
  selfEmployed: 5,
  retired: 6,
} as const;

/** Sector of an employer (and of a person's main job). */
export const SECTOR = {
  none: 0,
  garment: 1,
  construction: 2,
  tourism: 3,
  other: 4,
  publicService: 5,
  agriculture: 6,
  households: 7,
} as const;

export type Persons = {
  /** All persons, living and deceased. */
  count: number;
  /** Persons 0..alive-1 are living in the reference month. */
  alive: number;
  sex: Uint8Array;
  birthDay: Int32Array;
  deathDay: Int32Array;
  /** Completed years on 2025-12-31, or at death. */
  age: Uint8Array;
  household: Int32Array;
  relation: Uint8Array;
  province: Uint8Array;
  urban: Uint8Array;
  familyName: Uint16Array;
  givenName: Uint16Array;
  /** 0 none, 1 moderate, 2 severe. */
  disability: Uint8Array;
  /** National ID card number (0..999,999,999, written with 9 digits), or NONE. */
  nationalId: Int32Array;
};

export type Households = {
  count: number;
  province: Uint8Array;
  urban: Uint8Array;
  head: Int32Array;
  /** First member (persons are ordered by household). */
  first: Int32Array;
  size: Uint16Array;
};

export function newPersons(count: number, alive: number): Persons {
  return {
    count,
    alive,
    sex: new Uint8Array(count),
    birthDay: new Int32Array(count),
    deathDay: new Int32Array(count).fill(NO_DAY),
    age: new Uint8Array(count),
    household: new Int32Array(count).fill(NONE),
    relation: new Uint8Array(count).fill(RELATION.none),
    province: new Uint8Array(count),
    urban: new Uint8Array(count),
    familyName: new Uint16Array(count),
    givenName: new Uint16Array(count),
    disability: new Uint8Array(count),
    nationalId: new Int32Array(count).fill(NONE),
  };
}
