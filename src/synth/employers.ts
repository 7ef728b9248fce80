/**
 * @module synth/employers
 * Employers: private enterprises by sector (garment and footwear, construction, tourism, other),
 * those that closed since 2008, and the ministries that employ civil servants. Each has a
 * province, a founding month, the month it registered with NSSF, a size in the reference month
 * and, for value chains, a lead (the lead contractor of a subcontractor, the tour operator of a
 * small tourism business).
 *
 * Targets: 913,000 garment workers at 1,538 factories (REFERENCE.md §7.3, 2024); about 10,000
 * firms registered (§2.4). Assumptions (ARCHITECTURE.md): the other sectors' workers and firm
 * counts (`targets.ts`); log-normal firm sizes; the provinces of each sector (below); 35 % of
 * today's firms founded before 2008; firms registered with NSSF between 2008 and 2010 when they
 * existed before (a phased roll-out of the occupational-risk scheme), at founding otherwise, and
 * firms of fewer than 8 workers only in 2018–2019 (Prakas 448 of 2017 extended registration to
 * enterprises with one worker or more, §2.1); the largest fifth of construction firms are lead
 * contractors and 40 % of the others their subcontractors; 15 % of tourism firms are tour
 * operators and 30 % of the others attached to one; ministry shares of the civil service.
 */
import { CAREERS_START, monthOf, REFERENCE_MONTH } from './calendar.js';
import {
  PHNOM_PENH,
  PREAH_SIHANOUK,
  PROVINCES,
  provinceShares,
  SIEM_REAP,
  urbanShares,
} from './provinces.js';
import { apportion, cumulative, type Rng, rngFor } from './random.js';
import {
  CLOSED_FIRM_SHARE,
  CONSTRUCTION_FIRMS,
  CONSTRUCTION_WORKERS,
  GARMENT_FACTORIES,
  GARMENT_WORKERS,
  OTHER_FIRMS,
  PRIVATE_EMPLOYEES,
  TOURISM_FIRMS,
  TOURISM_WORKERS,
} from './targets.js';
import { NONE, SECTOR } from './world.js';

/** Ministries and their share of civil servants (assumption; REFERENCE.md gives none). */
export const MINISTRIES: ReadonlyArray<{ name: string; share: number }> = [
  { name: 'Ministry of Education, Youth and Sport', share: 40 },
  { name: 'Ministry of Interior', share: 13 },
  { name: 'Ministry of Health', share: 11 },
  { name: 'Ministry of Agriculture, Forestry and Fisheries', share: 6 },
  { name: 'Ministry of Economy and Finance', share: 5 },
  { name: 'Ministry of Justice', share: 2 },
  { name: 'Ministry of Rural Development', share: 2 },
  { name: 'Ministry of Labour and Vocational Training', share: 2 },
  { name: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation', share: 2 },
  { name: 'Ministry of Culture and Fine Arts', share: 2 },
  { name: 'Ministry of Public Works and Transport', share: 2 },
  { name: 'Ministry of Environment', share: 2 },
  { name: "Ministry of Women's Affairs", share: 1.5 },
  { name: 'Ministry of Planning', share: 1.5 },
  { name: 'Ministry of Commerce', share: 1.5 },
  { name: 'Ministry of Foreign Affairs and International Cooperation', share: 1.5 },
  { name: 'Ministry of Land Management, Urban Planning and Construction', share: 1.5 },
  { name: 'Ministry of Posts and Telecommunications', share: 1 },
  { name: 'Ministry of Information', share: 1 },
  { name: 'Ministry of Industry, Science, Technology and Innovation', share: 1 },
  { name: 'Ministry of Tourism', share: 1 },
  { name: 'Ministry of Water Resources and Meteorology', share: 1 },
  { name: 'Ministry of Cults and Religion', share: 1 },
  { name: 'Ministry of Mines and Energy', share: 0.5 },
  { name: 'Ministry of Civil Service', share: 0.5 },
];

export type Employers = {
  count: number;
  sector: Uint8Array;
  province: Uint8Array;
  urban: Uint8Array;
  /** Founding month (may be before 2008). */
  start: Int32Array;
  /** Month of closing, or NONE while active. */
  end: Int32Array;
  /** Month of NSSF registration, or NONE (ministries). */
  registered: Int32Array;
  /** Workers wanted in the reference month (active firms), or the usual size (closed ones). */
  size: Int32Array;
  /** Value-chain lead (employer index), or NONE. */
  lead: Int32Array;
  isLead: Uint8Array;
  /** 1-based ministry (public employers), 0 otherwise. */
  ministry: Uint8Array;
  /** Serial of the NSSF employer number (`E` + 6 digits + Luhn digit), or NONE. */
  serial: Int32Array;
  /** Index of the first ministry: employers from there on are the ministries. */
  firstMinistry: number;
};

type SectorPlan = {
  sector: number;
  workers: number;
  firms: number;
  minSize: number;
  sigma: number;
  before2008: number;
};

/** Where each sector's firms are (weights by province code; assumption). */
function sectorProvinceWeights(sector: number): number[] {
  const shares = provinceShares();
  const urban = urbanShares(shares);
  const w = PROVINCES.map((p) => shares[p.code - 1]! * (urban[p.code - 1]! + 0.15));
  const total = w.reduce((a, b) => a + b, 0);
  const scaled = w.map((x) => x / total);
  if (sector === SECTOR.garment) {
    const g = PROVINCES.map(() => 0.002);
    const put = (code: number, v: number) => {
      g[code - 1] = v;
    };
    put(PHNOM_PENH, 0.45);
    put(8, 0.2); // Kandal
    put(5, 0.12); // Kampong Speu
    put(4, 0.04); // Kampong Chhnang
    put(20, 0.06); // Svay Rieng (Bavet SEZ)
    put(21, 0.05); // Takeo
    put(3, 0.04); // Kampong Cham
    put(PREAH_SIHANOUK, 0.04);
    return g;
  }
  if (sector === SECTOR.construction) {
    const c = scaled.map((x) => x * 0.08);
    c[PHNOM_PENH - 1] = 0.55;
    c[SIEM_REAP - 1] = 0.1;
    c[PREAH_SIHANOUK - 1] = 0.15;
    c[8 - 1] = 0.08;
    c[2 - 1] = 0.04;
    return c;
  }
  if (sector === SECTOR.tourism) {
    const t = scaled.map((x) => x * 0.03);
    t[SIEM_REAP - 1] = 0.35;
    t[PHNOM_PENH - 1] = 0.3;
    t[PREAH_SIHANOUK - 1] = 0.12;
    t[7 - 1] = 0.06; // Kampot
    t[23 - 1] = 0.03; // Kep
    t[2 - 1] = 0.04; // Battambang
    t[9 - 1] = 0.03; // Koh Kong
    t[11 - 1] = 0.02; // Mondulkiri
    t[16 - 1] = 0.02; // Ratanakiri
    return t;
  }
  return scaled;
}

const GROWTH_OF_FIRMS = 0.08;

/** A founding month: before 2008 with the given share, else growing 8 % a year to 2025. */
function drawFounding(rng: Rng, before2008: number, latest: number): number {
  if (rng.chance(before2008)) return monthOf(1993, 1) + rng.int(CAREERS_START - monthOf(1993, 1));
  // Inverse of an exponential density on [2008-01, latest].
  const span = latest - CAREERS_START;
  const k = GROWTH_OF_FIRMS / 12;
  const u = rng.next();
  return CAREERS_START + Math.floor(Math.log(1 + u * (Math.exp(k * span) - 1)) / k);
}

export function generateEmployers(seed: number, scale: number): Employers {
  const r = rngFor(seed, 'employers');
  const privateTotal = Math.round(PRIVATE_EMPLOYEES * scale);
  const garment = Math.round(GARMENT_WORKERS * scale);
  const construction = Math.round(CONSTRUCTION_WORKERS * scale);
  const tourism = Math.round(TOURISM_WORKERS * scale);
  const plans: SectorPlan[] = [
    {
      sector: SECTOR.garment,
      workers: garment,
      firms: GARMENT_FACTORIES,
      minSize: 30,
      sigma: 0.9,
      before2008: 0.3,
    },
    {
      sector: SECTOR.construction,
      workers: construction,
      firms: CONSTRUCTION_FIRMS,
      minSize: 1,
      sigma: 1.3,
      before2008: 0.25,
    },
    {
      sector: SECTOR.tourism,
      workers: tourism,
      firms: TOURISM_FIRMS,
      minSize: 1,
      sigma: 1.2,
      before2008: 0.3,
    },
    {
      sector: SECTOR.other,
      workers: privateTotal - garment - construction - tourism,
      firms: OTHER_FIRMS,
      minSize: 1,
      sigma: 1.5,
      before2008: 0.4,
    },
  ];

  const sector: number[] = [];
  const province: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const size: number[] = [];
  for (const plan of plans) {
    const firms = Math.max(1, Math.min(plan.workers, Math.round(plan.firms * scale)));
    const provinceCum = cumulative(sectorProvinceWeights(plan.sector));
    // Active firms: sizes from log-normal weights, at least minSize each, adding up exactly.
    const weights = Array.from({ length: firms }, () => Math.exp(plan.sigma * r.normal()));
    const floor = Math.min(plan.minSize, Math.floor(plan.workers / firms));
    const extra = apportion(plan.workers - floor * firms, weights);
    for (let i = 0; i < firms; i++) {
      sector.push(plan.sector);
      province.push(r.pick(provinceCum) + 1);
      start.push(drawFounding(r, plan.before2008, REFERENCE_MONTH - 1));
      end.push(NONE);
      size.push(floor + extra[i]!);
    }
    // Firms that closed since 2008: their workers' spells end when they close.
    const meanSize = plan.workers / firms;
    const closed = Math.max(1, Math.round(firms * CLOSED_FIRM_SHARE));
    for (let i = 0; i < closed; i++) {
      sector.push(plan.sector);
      province.push(r.pick(provinceCum) + 1);
      const founded = drawFounding(r, 0.5, REFERENCE_MONTH - 24);
      start.push(founded);
      const earliestEnd = Math.max(founded + 12, CAREERS_START + 6);
      end.push(earliestEnd + r.int(Math.max(1, REFERENCE_MONTH - 1 - earliestEnd)));
      size.push(
        Math.max(
          plan.minSize,
          Math.round(meanSize * Math.exp(plan.sigma * r.normal() - plan.sigma ** 2 / 2)),
        ),
      );
    }
  }
  const firstMinistry = sector.length;
  const count = firstMinistry + MINISTRIES.length;
  const e: Employers = {
    count,
    sector: new Uint8Array(count),
    province: new Uint8Array(count),
    urban: new Uint8Array(count),
    start: new Int32Array(count),
    end: new Int32Array(count),
    registered: new Int32Array(count).fill(NONE),
    size: new Int32Array(count),
    lead: new Int32Array(count).fill(NONE),
    isLead: new Uint8Array(count),
    ministry: new Uint8Array(count),
    serial: new Int32Array(count).fill(NONE),
    firstMinistry,
  };
  const urban = urbanShares();
  for (let i = 0; i < firstMinistry; i++) {
    e.sector[i] = sector[i]!;
    e.province[i] = province[i]!;
    e.urban[i] = r.chance(Math.min(1, urban[province[i]! - 1]! + 0.4)) ? 1 : 0;
    e.start[i] = start[i]!;
    e.end[i] = end[i]!;
    e.size[i] = size[i]!;
    // NSSF registration: phased in 2008–2010 for firms that existed, at founding otherwise;
    // firms under 8 workers only from 2018 (Prakas 448 of 2017).
    let reg = start[i]! < CAREERS_START ? CAREERS_START + r.int(36) : start[i]! + r.int(3);
    if (size[i]! < 8) reg = Math.max(reg, monthOf(2018, 1) + r.int(24));
    e.registered[i] = end[i] !== NONE && reg > end[i]! ? NONE : Math.min(reg, REFERENCE_MONTH);
  }
  for (let k = 0; k < MINISTRIES.length; k++) {
    const i = firstMinistry + k;
    e.sector[i] = SECTOR.publicService;
    e.province[i] = PHNOM_PENH;
    e.urban[i] = 1;
    e.start[i] = monthOf(1979, 1);
    e.end[i] = NONE;
    e.ministry[i] = k + 1;
  }
  assignValueChains(e, r);
  // NSSF employer serials: a random permutation of 6-digit numbers, for registered firms.
  const serialStep = 538_471; // coprime with 900,000
  const offset = r.int(900_000);
  for (let i = 0; i < firstMinistry; i++) {
    if (e.registered[i] !== NONE) e.serial[i] = 100_000 + ((offset + i * serialStep) % 900_000);
  }
  return e;
}

function assignValueChains(e: Employers, r: Rng): void {
  for (const [sector, leadShare, attachedShare] of [
    [SECTOR.construction, 0.2, 0.4],
    [SECTOR.tourism, 0.15, 0.3],
  ] as const) {
    const active: number[] = [];
    for (let i = 0; i < e.firstMinistry; i++) if (e.sector[i] === sector && e.end[i] === NONE) active.push(i);
    // Construction leads are the largest firms; tour operators are any firms.
    const ranked =
      sector === SECTOR.construction ? [...active].sort((a, b) => e.size[b]! - e.size[a]! || a - b) : active;
    const leads = ranked.slice(0, Math.max(1, Math.round(active.length * leadShare)));
    for (const l of leads) e.isLead[l] = 1;
    const leadCum = cumulative(leads.map((l) => e.size[l]! + 1));
    for (const i of active) {
      if (e.isLead[i] || !r.chance(attachedShare)) continue;
      e.lead[i] = leads[r.pick(leadCum)]!;
    }
  }
}

/** Whether the employer exists in the month. */
export function employerAlive(e: Employers, i: number, month: number): boolean {
  return e.start[i]! <= month && (e.end[i] === NONE || e.end[i]! >= month);
}

/** Draws employers of a sector, by size, optionally in a province. */
export class EmployerPicker {
  readonly #e: Employers;
  readonly #lists = new Map<string, { ids: Int32Array; cum: Float64Array }>();

  constructor(e: Employers) {
    this.#e = e;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < e.firstMinistry; i++) {
      for (const key of [`${e.sector[i]}`, `${e.sector[i]}:${e.province[i]}`]) {
        const g = groups.get(key) ?? [];
        g.push(i);
        groups.set(key, g);
      }
    }
    for (const [key, ids] of groups) {
      this.#lists.set(key, {
        ids: Int32Array.from(ids),
        cum: cumulative(ids.map((i) => Math.max(1, e.size[i]!))),
      });
    }
  }

  /** An employer of the sector alive in the month (in the province when given), or NONE. */
  pick(rng: Rng, sector: number, month: number, province = 0): number {
    const list = this.#lists.get(province ? `${sector}:${province}` : `${sector}`);
    if (!list) return NONE;
    for (let tries = 0; tries < 30; tries++) {
      const i = list.ids[rng.pick(list.cum)]!;
      if (employerAlive(this.#e, i, month)) return i;
    }
    return NONE;
  }
}

const NAME_PREFIXES = [
  'Angkor',
  'Mekong',
  'Bayon',
  'Khmer',
  'Royal',
  'Golden',
  'Lotus',
  'Asia',
  'Tonle',
  'Apsara',
  'Naga',
  'Sovann',
  'Sunrise',
  'Star',
  'New Era',
  'Grand',
  'Prosperity',
  'Phnom',
  'Kampuchea',
  'Pacific',
];
const NAME_SECTOR_WORDS: Readonly<Record<number, readonly string[]>> = {
  [SECTOR.garment]: ['Garment', 'Apparel', 'Textile', 'Footwear', 'Knitting'],
  [SECTOR.construction]: ['Construction', 'Engineering', 'Builders', 'Development'],
  [SECTOR.tourism]: ['Hotel', 'Travel', 'Tours', 'Resort', 'Guesthouse'],
  [SECTOR.other]: [
    'Trading',
    'Services',
    'Logistics',
    'Food',
    'Microfinance',
    'Retail',
    'Printing',
    'Technology',
  ],
};

/** A synthetic company name (names repeat, as real ones nearly do). */
export function employerName(e: Employers, i: number, r: Rng): string {
  if (e.ministry[i]) return MINISTRIES[e.ministry[i]! - 1]!.name;
  const words = NAME_SECTOR_WORDS[e.sector[i]!] ?? NAME_SECTOR_WORDS[SECTOR.other]!;
  const prefix = NAME_PREFIXES[r.int(NAME_PREFIXES.length)]!;
  const word = words[r.int(words.length)]!;
  const isOperator = e.sector[i] === SECTOR.tourism && e.isLead[i] ? ' Tour Operator' : '';
  return `${prefix} ${word}${isOperator} Co., Ltd.`;
}
