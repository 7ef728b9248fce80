/**
 * @module synth/work
 * Who works where, and the careers behind it: spells of employment month by month since 2008.
 *
 * Order of the stages (each takes persons the earlier ones left):
 * 1. Veterans: military or police service spells between 1979 and 2012, for the NFV register.
 * 2. Civil servants: some veterans who joined the civil service afterwards; those in service in
 *    the reference month; those who retired at 60 since 2008; those who left; those who died in
 *    service. A few move between ministries (two spells).
 * 3. Private employees in the reference month: every active firm is filled to its size with
 *    workers of the sector's profile (sex, age, origin), each with a current spell and, going
 *    back, earlier spells at other firms (a person can change employer, leave and come back).
 *    A few civil servants and veterans hold a private job too.
 * 4. Former private employees: persons (living or since deceased) whose last formal job ended
 *    before the reference month, some of them because their firm closed.
 * 5. Domestic workers, casual workers (some subcontracted to a lead contractor), and the
 *    self-employed, chosen so that they are 65 % of the workforce (REFERENCE.md §2.8); some
 *    self-employed tourism workers (guides, drivers) are attached to a tour operator.
 *
 * Sector profiles, tenures and the other rates below are assumptions (ARCHITECTURE.md).
 */
import { CAREERS_START, monthOf, monthOfDay, REFERENCE_MONTH, yearOfMonth } from './calendar.js';
import { Column } from './columns.js';
import { EmployerPicker, type Employers, employerAlive, MINISTRIES } from './employers.js';
import { provinceShares, urbanShares } from './provinces.js';
import { cumulative, type Rng, rngFor } from './random.js';
import {
  CASUAL_WORKERS,
  CIVIL_SERVANTS,
  DIED_IN_CIVIL_SERVICE,
  DOMESTIC_WORKERS,
  FORMER_PRIVATE_SHARE,
  LEFT_CIVIL_SERVICE,
  PRIVATE_EMPLOYEES,
  RETIRED_CIVIL_SERVANTS,
  SELF_EMPLOYED_SHARE,
  VETERANS,
} from './targets.js';
import { drawWageFactor, wageAt } from './wages.js';
import { FEMALE, type Households, MALE, NO_DAY, NONE, type Persons, SECTOR, WORK_STATUS } from './world.js';

export const SPELL_KIND = { private: 1, civilService: 2, military: 3 } as const;

/** Careers: one row per spell with one employer; `end` is inclusive (the reference month while ongoing). */
export type Spells = {
  count: number;
  person: Int32Array;
  employer: Int32Array;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Personal wage factor of the spell (see `wages.ts`). */
  factor: Float32Array;
  /** Spells of person p are `order[byPerson[p] .. byPerson[p + 1])`, by start month. */
  byPerson: Int32Array;
  order: Int32Array;
};

export type Work = {
  status: Uint8Array;
  sector: Uint8Array;
  employer: Int32Array;
  wage: Int32Array;
  secondEmployer: Int32Array;
  secondWage: Int32Array;
  /** Monthly earnings of the self-employed and casual workers, riel. */
  selfIncome: Int32Array;
  ministry: Uint8Array;
  veteran: Uint8Array;
  valueChainLead: Int32Array;
  /** Household employing a domestic worker (set with poverty, see `poverty.ts`). */
  domesticEmployer: Int32Array;
  /** Spells of civil service and military service, private spells since 2008. */
  formerPrivate: Uint8Array;
  civilServiceEver: Uint8Array;
};

/** Sex, age and origin of a sector's workers, and how long they stay (assumption). */
type Profile = {
  female: number;
  /** Weights of the age bands 15–19, 20–24, …, 60–64. */
  bands: readonly number[];
  /** Share living in the firm's province (the others are migrants). */
  local: number;
  urban: number;
  /** Mean months with one employer. */
  tenure: number;
};

const PROFILES: Readonly<Record<number, Profile>> = {
  [SECTOR.garment]: {
    female: 0.8,
    bands: [0.05, 0.25, 0.25, 0.18, 0.12, 0.08, 0.04, 0.02, 0.01, 0],
    local: 0.45,
    urban: 0.35,
    tenure: 60,
  },
  [SECTOR.construction]: {
    female: 0.15,
    bands: [0.04, 0.18, 0.2, 0.18, 0.14, 0.11, 0.08, 0.05, 0.02, 0],
    local: 0.55,
    urban: 0.5,
    tenure: 36,
  },
  [SECTOR.tourism]: {
    female: 0.5,
    bands: [0.04, 0.25, 0.25, 0.18, 0.12, 0.08, 0.05, 0.02, 0.01, 0],
    local: 0.65,
    urban: 0.6,
    tenure: 48,
  },
  [SECTOR.other]: {
    female: 0.4,
    bands: [0.01, 0.15, 0.22, 0.2, 0.15, 0.11, 0.08, 0.05, 0.02, 0.01],
    local: 0.7,
    urban: 0.6,
    tenure: 84,
  },
  [SECTOR.publicService]: {
    female: 0.45,
    bands: [0, 0.07, 0.13, 0.15, 0.15, 0.14, 0.13, 0.12, 0.11, 0],
    local: 1,
    urban: 0.55,
    tenure: 0,
  },
  [SECTOR.households]: {
    female: 0.85,
    bands: [0.05, 0.2, 0.2, 0.15, 0.15, 0.12, 0.08, 0.05, 0, 0],
    local: 1,
    urban: 0.3,
    tenure: 0,
  },
  [SECTOR.agriculture]: {
    female: 0.35,
    bands: [0.06, 0.16, 0.16, 0.14, 0.12, 0.11, 0.1, 0.08, 0.05, 0.02],
    local: 1,
    urban: 0.25,
    tenure: 0,
  },
};

/** Sectors of former private employees' last job (garment dominated the early years; assumption). */
const FORMER_SECTOR_WEIGHTS = [
  [SECTOR.garment, 0.5],
  [SECTOR.construction, 0.12],
  [SECTOR.tourism, 0.1],
  [SECTOR.other, 0.28],
] as const;

/**
 * When today's private employees began their formal careers (cumulative share by month;
 * assumption chosen so that the registered workforce grows to about 2 million in 2020 and 2.4
 * million in 2023, in line with §2.4 (over 2 million in June 2022) and §2.8 (2,584,706 in
 * February 2023), then 2.6 million in 2025).
 */
const CAREER_START_CDF: ReadonlyArray<readonly [number, number]> = [
  [monthOf(1998, 1), 0],
  [monthOf(2008, 1), 0.16],
  [monthOf(2012, 1), 0.3],
  [monthOf(2016, 1), 0.52],
  [monthOf(2020, 1), 0.78],
  [monthOf(2023, 1), 0.93],
  [REFERENCE_MONTH, 1],
];

function drawCareerStart(rng: Rng): number {
  const u = rng.next();
  for (let i = 1; i < CAREER_START_CDF.length; i++) {
    const [m1, c1] = CAREER_START_CDF[i]!;
    const [m0, c0] = CAREER_START_CDF[i - 1]!;
    if (u <= c1) return Math.round(m0 + ((u - c0) / (c1 - c0)) * (m1 - m0));
  }
  return REFERENCE_MONTH;
}

/**
 * Service began no earlier than 1979, when the state was rebuilt after the Khmer Rouge; those
 * who would have started before joined over the following years.
 */
function notBefore1979(rng: Rng, month: number, born: number): number {
  if (month >= monthOf(1979, 1)) return month;
  return Math.max(monthOf(1979, 1) + rng.int(48), born + 17 * 12);
}

/** Youngest age for a formal job: 15, the Labour Law's minimum working age (assumption; not in REFERENCE.md). */
const MIN_WORKING_AGE = 15;

const SECOND_PRIVATE_JOB_OF_CIVIL_SERVANTS = 0.03;
const PRIVATE_JOB_OF_VETERANS = 0.04;
const VETERANS_INTO_CIVIL_SERVICE = 0.08;
const MINISTRY_TRANSFER = 0.05;
const CASUAL_IN_CONSTRUCTION = 0.4;
const CASUAL_ATTACHED_TO_LEAD = 0.7;
const SELF_EMPLOYED_TOURISM = 0.05;
const SELF_EMPLOYED_TOURISM_ATTACHED = 0.5;
const FORMER_AT_CLOSED_FIRM = 0.25;
/** Median monthly earnings of the self-employed, riel (assumption: US$110 farming, US$180 other). */
const SELF_EMPLOYED_MEDIAN_KHR = { agriculture: 450_000, other: 740_000, tourism: 820_000 };

const BANDS = 10;
const bandCumulative = new Map<Profile, Float64Array>();
function bandsOf(profile: Profile): Float64Array {
  const known = bandCumulative.get(profile);
  if (known) return known;
  const c = cumulative(profile.bands);
  bandCumulative.set(profile, c);
  return c;
}
const FIRST_COHORT = 1925;
const COHORTS = 2010 - FIRST_COHORT + 1;

/**
 * Persons grouped by a key, each group in random order, drawn without replacement: a pointer per
 * group moves past persons drawn or already busy.
 */
class Pool {
  readonly start: Int32Array;
  readonly items: Int32Array;
  readonly next: Int32Array;

  constructor(count: number, keys: number, keyOf: (i: number) => number, rng: Rng) {
    this.start = new Int32Array(keys + 1);
    const key = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const k = keyOf(i);
      key[i] = k;
      if (k >= 0) this.start[k + 1]! += 1;
    }
    for (let k = 0; k < keys; k++) this.start[k + 1]! += this.start[k]!;
    const fill = this.start.slice(0, keys);
    this.items = new Int32Array(this.start[keys]!);
    for (let i = 0; i < count; i++) if (key[i]! >= 0) this.items[fill[key[i]!]!++] = i;
    for (let k = 0; k < keys; k++) rng.shuffle(this.items, this.start[k]!, this.start[k + 1]!);
    this.next = this.start.slice(0, keys);
  }

  /** The next person of the group for whom `ok` holds, or NONE. */
  draw(key: number, ok: (p: number) => boolean): number {
    const end = this.start[key + 1]!;
    while (this.next[key]! < end) {
      const p = this.items[this.next[key]!++]!;
      if (ok(p)) return p;
    }
    return NONE;
  }
}

export function generateWork(
  seed: number,
  scale: number,
  persons: Persons,
  households: Households,
  employers: Employers,
): { work: Work; spells: Spells } {
  const n = persons.count;
  const work: Work = {
    status: new Uint8Array(n),
    sector: new Uint8Array(n),
    employer: new Int32Array(n).fill(NONE),
    wage: new Int32Array(n),
    secondEmployer: new Int32Array(n).fill(NONE),
    secondWage: new Int32Array(n),
    selfIncome: new Int32Array(n),
    ministry: new Uint8Array(n),
    veteran: new Uint8Array(n),
    valueChainLead: new Int32Array(n).fill(NONE),
    domesticEmployer: new Int32Array(n).fill(NONE),
    formerPrivate: new Uint8Array(n),
    civilServiceEver: new Uint8Array(n),
  };
  void households;
  const sp = {
    person: new Column(Int32Array, 1 << 16),
    employer: new Column(Int32Array, 1 << 16),
    kind: new Column(Uint8Array, 1 << 16),
    start: new Column(Int32Array, 1 << 16),
    end: new Column(Int32Array, 1 << 16),
    factor: new Column(Float32Array, 1 << 16),
  };
  const addSpell = (
    p: number,
    employer: number,
    kind: number,
    start: number,
    end: number,
    factor: number,
  ) => {
    sp.person.push(p);
    sp.employer.push(employer);
    sp.kind.push(kind);
    sp.start.push(start);
    sp.end.push(end);
    sp.factor.push(factor);
  };
  /** Persons taken by a stage: not available to later stages. */
  const busy = new Uint8Array(n);
  const birthMonth = (p: number) => monthOfDay(persons.birthDay[p]!);
  const deathMonth = (p: number) =>
    persons.deathDay[p] === NO_DAY ? NONE : monthOfDay(persons.deathDay[p]!);
  const aliveIn = (p: number, month: number) => persons.deathDay[p] === NO_DAY || deathMonth(p) >= month;
  const shares = provinceShares();
  const provinceCum = cumulative(Array.from(shares));
  const urbanShare = urbanShares(shares);

  // Living persons of working age by (province, urban, sex, age band).
  const rPool = rngFor(seed, 'work.pools');
  const livingKey = (province: number, urban: number, sex: number, band: number) =>
    (((province - 1) * 2 + urban) * 2 + (sex - 1)) * BANDS + band;
  const living = new Pool(
    n,
    25 * 2 * 2 * BANDS,
    (i) => {
      if (i >= persons.alive) return NONE;
      const a = persons.age[i]!;
      if (a < 15 || a > 64) return NONE;
      return livingKey(persons.province[i]!, persons.urban[i]!, persons.sex[i]!, Math.floor((a - 15) / 5));
    },
    rPool,
  );
  // Everyone, living or not, by sex and year of birth (for past jobs).
  const cohortKey = (sex: number, year: number) => (sex - 1) * COHORTS + (year - FIRST_COHORT);
  const cohorts = new Pool(
    n,
    2 * COHORTS,
    (i) => {
      const y = yearOfMonth(monthOfDay(persons.birthDay[i]!));
      return y < FIRST_COHORT || y >= FIRST_COHORT + COHORTS ? NONE : cohortKey(persons.sex[i]!, y);
    },
    rPool,
  );
  const free = (p: number) => busy[p] === 0;

  /** A living worker of the profile, from the given province when possible. */
  const drawLiving = (rng: Rng, profile: Profile, province: number): number => {
    const sex = rng.chance(profile.female) ? FEMALE : MALE;
    const bandCum = bandsOf(profile);
    for (let tries = 0; tries < 12; tries++) {
      const band = rng.pick(bandCum);
      const prov =
        tries < 6 && province > 0 && rng.chance(profile.local) ? province : rng.pick(provinceCum) + 1;
      const urban = rng.chance(tries < 4 ? profile.urban : urbanShare[prov - 1]!) ? 1 : 0;
      for (const s of tries < 8 ? [sex] : [sex, 3 - sex]) {
        const p = living.draw(livingKey(prov, urban, s, band), free);
        if (p !== NONE) return p;
      }
    }
    // Rare groups ran dry: any province, then any age band, before giving up.
    const start = rng.int(25);
    for (const s of [sex, 3 - sex]) {
      for (let b = 0; b < BANDS; b++) {
        if (profile.bands[b] === 0) continue;
        for (let k = 0; k < 50; k++) {
          const prov = ((start + k) % 25) + 1;
          const p = living.draw(livingKey(prov, k < 25 ? 1 : 0, s, b), free);
          if (p !== NONE) return p;
        }
      }
    }
    return NONE;
  };
  /** Anyone born in the year of the sex, alive in the month, not yet busy. */
  const drawCohort = (rng: Rng, sex: number, year: number, aliveMonth: number): number => {
    for (let tries = 0; tries < 6; tries++) {
      const y = Math.min(
        FIRST_COHORT + COHORTS - 1,
        Math.max(FIRST_COHORT, year + (tries === 0 ? 0 : rng.between(-2, 2))),
      );
      const s = tries < 4 ? sex : 3 - sex;
      const p = cohorts.draw(cohortKey(s, y), (q) => busy[q] === 0 && aliveIn(q, aliveMonth));
      if (p !== NONE) return p;
    }
    return NONE;
  };

  // 1. Veterans.
  const rVet = rngFor(seed, 'work.veterans');
  const veteranTarget = Math.round(VETERANS * scale);
  const veterans: number[] = [];
  const militaryEnd = new Map<number, number>();
  for (let k = 0; k < veteranTarget; k++) {
    // Born 1940–1980, most around 1958 (triangular; assumption).
    const year = Math.round(
      1940 + 40 * ((rVet.next() + rVet.next() + rVet.next()) / 3) - 1 + rVet.next() * 2,
    );
    const p = drawCohort(rVet, rVet.chance(0.92) ? MALE : FEMALE, year, monthOf(2010, 7));
    if (p === NONE) continue;
    const born = birthMonth(p);
    const death = deathMonth(p);
    let start = notBefore1979(rVet, born + 12 * rVet.between(17, 25) + rVet.int(12), born);
    let end = Math.min(start + 60 + Math.round(rVet.exponential(120)), monthOf(2012, 12));
    if (death !== NONE) end = Math.min(end, death - 1);
    if (end - start < 24) continue;
    busy[p] = 1;
    work.veteran[p] = 1;
    veterans.push(p);
    if (rVet.chance(0.2) && end - start > 96) {
      // Two spells with a break (demobilised and called back).
      const breakStart = start + 24 + rVet.int(end - start - 72);
      const breakEnd = breakStart + 12 + rVet.int(36);
      addSpell(p, NONE, SPELL_KIND.military, start, breakStart - 1, 1);
      start = breakEnd + 1;
    }
    addSpell(p, NONE, SPELL_KIND.military, start, end, 1);
    militaryEnd.set(p, end);
  }

  // 2. Civil servants.
  const rCs = rngFor(seed, 'work.civil-service');
  const ministryCum = cumulative(MINISTRIES.map((m) => m.share));
  const ministryEmployer = (m: number) => employers.firstMinistry + m;
  let activeCivil = 0;
  const activeCivilServants: number[] = [];
  const civilSpell = (p: number, start: number, end: number, ongoing: boolean) => {
    const m = rCs.pick(ministryCum);
    const factor = drawWageFactor(SECTOR.publicService, rCs);
    work.civilServiceEver[p] = 1;
    busy[p] = 1;
    let ministry = m;
    if (rCs.chance(MINISTRY_TRANSFER) && end - start > 36) {
      const cut = start + 12 + rCs.int(end - start - 24);
      addSpell(p, ministryEmployer(m), SPELL_KIND.civilService, start, cut - 1, factor);
      ministry = rCs.pick(ministryCum);
      addSpell(p, ministryEmployer(ministry), SPELL_KIND.civilService, cut, end, factor);
    } else {
      addSpell(p, ministryEmployer(m), SPELL_KIND.civilService, start, end, factor);
    }
    work.ministry[p] = ministry + 1;
    if (ongoing) {
      work.status[p] = WORK_STATUS.civilServant;
      work.sector[p] = SECTOR.publicService;
      work.employer[p] = ministryEmployer(ministry);
      work.wage[p] = wageAt(SECTOR.publicService, factor, REFERENCE_MONTH);
      activeCivil++;
      activeCivilServants.push(p);
    } else if (p < persons.alive && persons.age[p]! >= 60) {
      work.status[p] = WORK_STATUS.retired;
    }
  };
  const retirementMonth = (p: number) => birthMonth(p) + 60 * 12;
  // Veterans who joined the civil service after their military service.
  for (const p of veterans) {
    if (p >= persons.alive || birthMonth(p) < monthOf(1960, 1) || !rCs.chance(VETERANS_INTO_CIVIL_SERVICE))
      continue;
    const start = militaryEnd.get(p)! + 1 + rCs.int(24);
    const retire = retirementMonth(p);
    if (start >= REFERENCE_MONTH || start >= retire) continue;
    civilSpell(p, start, Math.min(retire, REFERENCE_MONTH), retire > REFERENCE_MONTH);
  }
  const civilTarget = Math.round(CIVIL_SERVANTS * scale);
  const csProfile = PROFILES[SECTOR.publicService]!;
  for (let guard = 0; activeCivil < civilTarget && guard < civilTarget * 3; guard++) {
    const p = drawLiving(rCs, csProfile, rCs.pick(provinceCum) + 1);
    if (p === NONE) continue;
    const a = persons.age[p]!;
    if (a < 20 || a > 59) {
      continue;
    }
    const startAge = Math.min(a, 19 + rCs.int(11));
    const start = Math.min(
      REFERENCE_MONTH - 1,
      notBefore1979(rCs, birthMonth(p) + 12 * startAge + rCs.int(12), birthMonth(p)),
    );
    civilSpell(p, start, REFERENCE_MONTH, true);
  }
  const retiredTarget = Math.round(RETIRED_CIVIL_SERVANTS * scale);
  for (let k = 0, guard = 0; k < retiredTarget && guard < retiredTarget * 4; guard++) {
    const year = rCs.between(1948, 1965);
    const sex = rCs.chance(0.6) ? MALE : FEMALE;
    const p = drawCohort(rCs, sex, year, monthOf(2008, 1));
    if (p === NONE) continue;
    const retire = retirementMonth(p);
    if (retire < CAREERS_START || retire > REFERENCE_MONTH || !aliveIn(p, retire)) continue;
    const start = notBefore1979(rCs, birthMonth(p) + 12 * rCs.between(20, 30), birthMonth(p));
    civilSpell(p, start, retire, false);
    k++;
  }
  const leftTarget = Math.round(LEFT_CIVIL_SERVICE * scale);
  for (let k = 0, guard = 0; k < leftTarget && guard < leftTarget * 4; guard++) {
    const p = drawLiving(rCs, csProfile, rCs.pick(provinceCum) + 1);
    if (p === NONE || persons.age[p]! < 25) continue;
    const start = notBefore1979(rCs, birthMonth(p) + 12 * rCs.between(20, 24), birthMonth(p));
    const earliest = Math.max(start + 12, CAREERS_START);
    if (earliest >= REFERENCE_MONTH - 1) continue;
    civilSpell(p, start, earliest + rCs.int(REFERENCE_MONTH - 1 - earliest), false);
    k++;
  }
  {
    const diedTarget = Math.round(DIED_IN_CIVIL_SERVICE * scale);
    const candidates: number[] = [];
    for (let p = persons.alive; p < n; p++) {
      const a = persons.age[p]!;
      if (a >= 25 && a <= 59 && deathMonth(p) >= CAREERS_START) candidates.push(p);
    }
    const order = Int32Array.from(candidates);
    rCs.shuffle(order);
    for (let k = 0, i = 0; k < diedTarget && i < order.length; i++) {
      const p = order[i]!;
      if (busy[p]) continue;
      const start = notBefore1979(rCs, birthMonth(p) + 12 * rCs.between(20, 24), birthMonth(p));
      const end = deathMonth(p);
      if (end - start < 12) continue;
      civilSpell(p, start, end, false);
      k++;
    }
  }

  // Those who left the civil service alive and under 60 may take other jobs.
  for (let p = 0; p < persons.alive; p++) {
    if (work.civilServiceEver[p] && work.status[p] === WORK_STATUS.none && !work.veteran[p]) busy[p] = 0;
  }

  // 3. Private employees in the reference month.
  const rPriv = rngFor(seed, 'work.private');
  const picker = new EmployerPicker(employers);
  const remaining = Int32Array.from(employers.size);
  for (let i = employers.firstMinistry; i < employers.count; i++) remaining[i] = 0;
  for (let i = 0; i < employers.firstMinistry; i++) if (employers.end[i] !== NONE) remaining[i] = 0;
  const sectorCum = cumulative(FORMER_SECTOR_WEIGHTS.map(([, w]) => w));
  const drawSector = (rng: Rng) => FORMER_SECTOR_WEIGHTS[rng.pick(sectorCum)]![0];

  /**
   * Earlier formal spells, going back from `firstStart` until the career began at `careerStart`:
   * a change of employer (often the next month, sometimes after a break) or a return after a
   * longer spell out of formal work.
   */
  const chainBack = (
    rng: Rng,
    p: number,
    firstStart: number,
    careerStart: number,
    sector: number,
    province: number,
  ) => {
    let nextStart = firstStart;
    for (let k = 0; k < 12 && nextStart > careerStart + 1; k++) {
      const u = rng.next();
      const gap = u < 0.6 ? 0 : u < 0.9 ? 1 + rng.geometric(4) : 12 + rng.int(36);
      const end = nextStart - 1 - gap;
      if (end < careerStart || end < CAREERS_START - 120) return;
      const s = rng.chance(0.75) ? sector : drawSector(rng);
      let emp = picker.pick(rng, s, end, rng.chance(0.75) ? province : 0);
      if (emp === NONE) emp = picker.pick(rng, s, end);
      if (emp === NONE) return;
      const duration = Math.max(1, Math.round(rng.exponential(PROFILES[s]!.tenure)));
      const start = Math.max(employers.start[emp]!, end - duration + 1, careerStart);
      addSpell(p, emp, SPELL_KIND.private, start, end, drawWageFactor(s, rng));
      nextStart = start;
      sector = s;
    }
  };
  /** A current private job at the employer, with the formal career before it. */
  const hire = (rng: Rng, p: number, emp: number, asSecondJob: boolean) => {
    const s = employers.sector[emp]!;
    const profile = PROFILES[s]!;
    const minStart = Math.max(birthMonth(p) + MIN_WORKING_AGE * 12, militaryEnd.get(p) ?? NONE);
    const careerStart = Math.min(REFERENCE_MONTH, Math.max(drawCareerStart(rng), minStart));
    const tenure = Math.max(1, Math.round(rng.exponential(profile.tenure)));
    const start = Math.min(
      REFERENCE_MONTH,
      Math.max(employers.start[emp]!, REFERENCE_MONTH - tenure + 1, careerStart),
    );
    const factor = drawWageFactor(s, rng);
    addSpell(p, emp, SPELL_KIND.private, start, REFERENCE_MONTH, factor);
    remaining[emp]! -= 1;
    const wage = wageAt(s, factor, REFERENCE_MONTH);
    if (asSecondJob) {
      work.secondEmployer[p] = emp;
      work.secondWage[p] = wage;
    } else {
      busy[p] = 1;
      work.status[p] = WORK_STATUS.privateEmployee;
      work.sector[p] = s;
      work.employer[p] = emp;
      work.wage[p] = wage;
      if (employers.lead[emp] !== NONE) work.valueChainLead[p] = employers.lead[emp]!;
      chainBack(rng, p, start, careerStart, s, employers.province[emp]!);
    }
  };
  // Civil servants and veterans with a private job (other sector), before the firms fill up.
  for (const p of activeCivilServants) {
    if (!rPriv.chance(SECOND_PRIVATE_JOB_OF_CIVIL_SERVANTS)) continue;
    const emp = picker.pick(rPriv, SECTOR.other, REFERENCE_MONTH, persons.province[p]!);
    if (emp !== NONE && remaining[emp]! > 0) hire(rPriv, p, emp, true);
  }
  for (const p of veterans) {
    if (p >= persons.alive || work.status[p] !== WORK_STATUS.none || persons.age[p]! > 64) continue;
    if (!rPriv.chance(PRIVATE_JOB_OF_VETERANS)) continue;
    const emp = picker.pick(rPriv, SECTOR.other, REFERENCE_MONTH, persons.province[p]!);
    if (emp !== NONE && remaining[emp]! > 0) hire(rPriv, p, emp, false);
  }
  for (let emp = 0; emp < employers.firstMinistry; emp++) {
    const profile = PROFILES[employers.sector[emp]!]!;
    while (remaining[emp]! > 0) {
      const p = drawLiving(rPriv, profile, employers.province[emp]!);
      if (p === NONE) {
        // The pools ran dry for this profile: leave the firm smaller.
        employers.size[emp]! -= remaining[emp]!;
        remaining[emp] = 0;
        break;
      }
      hire(rPriv, p, emp, false);
    }
  }

  // Veterans without a job may work informally.
  for (const p of veterans) if (work.status[p] === WORK_STATUS.none && !work.civilServiceEver[p]) busy[p] = 0;

  // 4. Former private employees.
  const rFormer = rngFor(seed, 'work.former');
  const formerTarget = Math.round(FORMER_PRIVATE_SHARE * PRIVATE_EMPLOYEES * scale);
  const closed: number[] = [];
  for (let i = 0; i < employers.firstMinistry; i++) if (employers.end[i] !== NONE) closed.push(i);
  const closedCum = cumulative(closed.map((i) => employers.size[i]!));
  // Exit months grow with formal employment (about 10 % a year; assumption).
  const exitSpan = REFERENCE_MONTH - 1 - (CAREERS_START + 6);
  const drawExit = () => {
    const k = 0.1 / 12;
    return CAREERS_START + 6 + Math.floor(Math.log(1 + rFormer.next() * (Math.exp(k * exitSpan) - 1)) / k);
  };
  for (let k = 0, guard = 0; k < formerTarget && guard < formerTarget * 4; guard++) {
    let emp: number;
    let exit: number;
    if (closed.length > 0 && rFormer.chance(FORMER_AT_CLOSED_FIRM)) {
      emp = closed[rFormer.pick(closedCum)]!;
      exit = employers.end[emp]!;
    } else {
      exit = drawExit();
      emp = picker.pick(rFormer, drawSector(rFormer), exit);
    }
    if (emp === NONE || exit < CAREERS_START) continue;
    const s = employers.sector[emp]!;
    const profile = PROFILES[s]!;
    const band = rFormer.pick(bandsOf(profile));
    const ageAtExit = 15 + band * 5 + rFormer.int(5);
    const p = drawCohort(
      rFormer,
      rFormer.chance(profile.female) ? FEMALE : MALE,
      yearOfMonth(exit) - ageAtExit,
      exit,
    );
    if (p === NONE) continue;
    const minStart = birthMonth(p) + MIN_WORKING_AGE * 12;
    const careerStart = Math.max(minStart, exit - Math.round(rFormer.exponential(60)));
    const tenure = Math.max(1, Math.round(rFormer.exponential(profile.tenure)));
    const start = Math.max(employers.start[emp]!, exit - tenure + 1, careerStart);
    if (start > exit) continue;
    busy[p] = 1;
    work.formerPrivate[p] = 1;
    addSpell(p, emp, SPELL_KIND.private, start, exit, drawWageFactor(s, rFormer));
    chainBack(rFormer, p, start, careerStart, s, employers.province[emp]!);
    k++;
  }
  // Former private employees are free again for informal work; only the current jobs keep them busy.
  for (let p = 0; p < n; p++) if (work.formerPrivate[p] && work.status[p] === WORK_STATUS.none) busy[p] = 0;

  // 5. Domestic workers, casual workers, self-employed.
  const rInf = rngFor(seed, 'work.informal');
  const leadsBy = (sector: number) => {
    const all: number[] = [];
    const byProvince = new Map<number, number[]>();
    for (let i = 0; i < employers.firstMinistry; i++) {
      if (
        employers.sector[i] !== sector ||
        !employers.isLead[i] ||
        !employerAlive(employers, i, REFERENCE_MONTH)
      )
        continue;
      all.push(i);
      const list = byProvince.get(employers.province[i]!) ?? [];
      list.push(i);
      byProvince.set(employers.province[i]!, list);
    }
    return (rng: Rng, province: number) => {
      const local = byProvince.get(province);
      const list = local && rng.chance(0.8) ? local : all;
      return list.length ? list[rng.int(list.length)]! : NONE;
    };
  };
  const constructionLead = leadsBy(SECTOR.construction);
  const tourOperator = leadsBy(SECTOR.tourism);
  const domesticTarget = Math.round(DOMESTIC_WORKERS * scale);
  for (let k = 0, guard = 0; k < domesticTarget && guard < domesticTarget * 3; guard++) {
    const p = drawLiving(rInf, PROFILES[SECTOR.households]!, 0);
    if (p === NONE || persons.age[p]! < 18) continue;
    busy[p] = 1;
    work.status[p] = WORK_STATUS.domesticWorker;
    work.sector[p] = SECTOR.households;
    work.wage[p] = wageAt(SECTOR.households, drawWageFactor(SECTOR.households, rInf), REFERENCE_MONTH);
    k++;
  }
  const casualTarget = Math.round(CASUAL_WORKERS * scale);
  const casualProfile: Profile = {
    ...PROFILES[SECTOR.agriculture]!,
    female: 0.35,
    bands: [0.04, 0.16, 0.18, 0.16, 0.14, 0.12, 0.1, 0.07, 0.03, 0],
  };
  for (let k = 0, guard = 0; k < casualTarget && guard < casualTarget * 3; guard++) {
    const p = drawLiving(rInf, casualProfile, 0);
    if (p === NONE || persons.age[p]! < 18) continue;
    busy[p] = 1;
    work.status[p] = WORK_STATUS.casualWorker;
    const construction = rInf.chance(CASUAL_IN_CONSTRUCTION);
    work.sector[p] = construction ? SECTOR.construction : SECTOR.agriculture;
    work.selfIncome[p] = wageAt(SECTOR.agriculture, drawWageFactor(SECTOR.other, rInf), REFERENCE_MONTH);
    if (construction && rInf.chance(CASUAL_ATTACHED_TO_LEAD)) {
      work.valueChainLead[p] = constructionLead(rInf, persons.province[p]!);
    }
    k++;
  }
  // Self-employed: 65 % of the workforce. Independent draws with a weight by age and sex,
  // scaled so the expected count is exact.
  let employed = 0;
  for (let p = 0; p < persons.alive; p++)
    if (work.status[p] !== WORK_STATUS.none && work.status[p] !== WORK_STATUS.retired) employed++;
  const selfTarget = Math.round((employed * SELF_EMPLOYED_SHARE) / (1 - SELF_EMPLOYED_SHARE));
  // Weight classes by age and sex, so the scale factor is solved on a dozen counts.
  const CLASS_WEIGHTS = [
    0,
    0.25,
    0.55,
    0.9,
    0.7,
    0.4,
    0.25 * 0.85,
    0.55 * 0.85,
    0.9 * 0.85,
    0.7 * 0.85,
    0.4 * 0.85,
  ];
  const classOf = (p: number) => {
    const a = persons.age[p]!;
    if (a < 15 || a > 74 || busy[p]) return 0;
    const c = a < 18 ? 1 : a < 25 ? 2 : a < 55 ? 3 : a < 65 ? 4 : 5;
    return persons.sex[p] === FEMALE ? c + 5 : c;
  };
  const classCounts = new Float64Array(CLASS_WEIGHTS.length);
  for (let p = 0; p < persons.alive; p++) classCounts[classOf(p)]! += 1;
  let lo = 0;
  let hi = 10;
  for (let iter = 0; iter < 60; iter++) {
    const lambda = (lo + hi) / 2;
    let expected = 0;
    for (let c = 1; c < CLASS_WEIGHTS.length; c++)
      expected += classCounts[c]! * Math.min(1, lambda * CLASS_WEIGHTS[c]!);
    if (expected < selfTarget) lo = lambda;
    else hi = lambda;
  }
  for (let p = 0; p < persons.alive; p++) {
    const c = classOf(p);
    if (c === 0 || !rInf.chance(Math.min(1, hi * CLASS_WEIGHTS[c]!))) continue;
    work.status[p] = WORK_STATUS.selfEmployed;
    const rural = persons.urban[p] === 0;
    const u = rInf.next();
    let sector: number = SECTOR.other;
    if (u < SELF_EMPLOYED_TOURISM) sector = SECTOR.tourism;
    else if (u < SELF_EMPLOYED_TOURISM + (rural ? 0.65 : 0.15)) sector = SECTOR.agriculture;
    work.sector[p] = sector;
    const median =
      sector === SECTOR.agriculture
        ? SELF_EMPLOYED_MEDIAN_KHR.agriculture
        : sector === SECTOR.tourism
          ? SELF_EMPLOYED_MEDIAN_KHR.tourism
          : SELF_EMPLOYED_MEDIAN_KHR.other;
    work.selfIncome[p] = Math.round(rInf.logNormal(median, 0.6) / 100) * 100;
    if (sector === SECTOR.tourism && rInf.chance(SELF_EMPLOYED_TOURISM_ATTACHED)) {
      work.valueChainLead[p] = tourOperator(rInf, persons.province[p]!);
    }
  }
  // Veterans and former civil servants past 60 who do not work draw a pension.
  for (let p = 0; p < persons.alive; p++) {
    if (work.status[p] === WORK_STATUS.none && work.veteran[p] && persons.age[p]! >= 55)
      work.status[p] = WORK_STATUS.retired;
  }

  return { work, spells: finishSpells(sp, n) };
}

/** Freezes the spell columns and indexes them by person, in order of start month. */
function finishSpells(
  sp: {
    person: Column<Int32Array>;
    employer: Column<Int32Array>;
    kind: Column<Uint8Array>;
    start: Column<Int32Array>;
    end: Column<Int32Array>;
    factor: Column<Float32Array>;
  },
  persons: number,
): Spells {
  const count = sp.person.length;
  const person = sp.person.view().slice();
  const start = sp.start.view().slice();
  const byPerson = new Int32Array(persons + 1);
  for (let i = 0; i < count; i++) byPerson[person[i]! + 1]! += 1;
  for (let p = 0; p < persons; p++) byPerson[p + 1]! += byPerson[p]!;
  const fill = byPerson.slice(0, persons);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[fill[person[i]!]!++] = i;
  // A person has a handful of spells: insertion sort by start month.
  for (let p = 0; p < persons; p++) {
    for (let a = byPerson[p]! + 1; a < byPerson[p + 1]!; a++) {
      const x = order[a]!;
      let b = a - 1;
      while (b >= byPerson[p]! && start[order[b]!]! > start[x]!) {
        order[b + 1] = order[b]!;
        b--;
      }
      order[b + 1] = x;
    }
  }
  return {
    count,
    person,
    employer: sp.employer.view().slice(),
    kind: sp.kind.view().slice(),
    start,
    end: sp.end.view().slice(),
    factor: sp.factor.view().slice(),
    byPerson,
    order,
  };
}
