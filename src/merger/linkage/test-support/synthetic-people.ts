/**
 * @module merger/linkage/test-support/synthetic-people
 * Small synthetic legacy registers with ground truth, for the linkage tests and benchmarks, until
 * the project's generator (`src/synth`) exists. People get a family name, a given name (often two
 * syllables, "Srey Mom"), a birth date (with heaping on 1 January), a sex and usually a national
 * ID; each person has one or more records in NSSF, NSSF-C and NFV, and every record is written
 * with the errors of the brief: romanisation variants, typos in Latin and Khmer names, day and
 * month swapped, one date component wrong, ID digits changed or transposed, missing values. NFV
 * records carry no Latin name.
 */
import type { LegacySource } from '../../legacy-formats.js';
import type { LegacyRecord } from '../../legacy-record.js';

/** A deterministic generator of uniform numbers in [0, 1) (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Name = readonly [khmer: string, latin: readonly string[]];

/** Family names: Khmer spelling and romanisations (the first is the most used). */
const FAMILY: readonly Name[] = [
  ['សុខ', ['Sok', 'Sokh', 'Sukh']],
  ['ចាន់', ['Chan', 'Chann']],
  ['គឹម', ['Kim']],
  ['ហេង', ['Heng']],
  ['លី', ['Ly', 'Lee', 'Li']],
  ['សេង', ['Seng']],
  ['មាស', ['Meas']],
  ['នួន', ['Nuon', 'Noun']],
  ['កែវ', ['Keo', 'Keov']],
  ['ជា', ['Chea', 'Chhea', 'Chia']],
  ['ពេជ្រ', ['Pich', 'Pech']],
  ['សំ', ['Sam']],
  ['ឈឹម', ['Chhim', 'Chim']],
  ['ទេព', ['Tep']],
  ['យិន', ['Yin']],
  ['ហ៊ុន', ['Hun']],
  ['សួន', ['Suon', 'Soun']],
  ['ឡុង', ['Long']],
  ['ម៉ម', ['Mom']],
  ['អ៊ុក', ['Ouk', 'Uk']],
  ['ស៊ាន', ['Sean', 'Sian']],
  ['ខៀវ', ['Khiev', 'Khieu']],
  ['ប៉ែន', ['Pen']],
  ['វង្ស', ['Vong']],
  ['ឈួន', ['Chhoun', 'Chhuon']],
  ['ស្រេង', ['Sreng']],
  ['ទូច', ['Touch', 'Toch']],
  ['ពៅ', ['Pov', 'Pou']],
  ['ម៉ៅ', ['Mao', 'Mau']],
  ['សយ', ['Soy']],
  ['ហ៊ាង', ['Hang']],
  ['អ៊ុំ', ['Oum', 'Um']],
  ['ឃុន', ['Khun', 'Khoun']],
  ['រស់', ['Ros', 'Rous']],
  ['ង៉ែត', ['Nget']],
  ['ប៊ុន', ['Bun', 'Bunn']],
  ['ឆាយ', ['Chhay', 'Chay']],
  ['តាំង', ['Taing', 'Tang']],
  ['អ៊ាង', ['Eang', 'Ieng']],
  ['ភួង', ['Phoung', 'Phuong']],
  ['ស៊ុន', ['Sun', 'Soun']],
  ['ឡាយ', ['Lay', 'Ley']],
  ['អ៊ិត', ['It', 'Ith']],
  ['ផាន', ['Phan']],
  ['ថោង', ['Thong']],
  ['ណុប', ['Nop']],
  ['ឌី', ['Dy', 'Dee']],
  ['វ៉ាន់', ['Van', 'Vann']],
  ['ស៊ីម', ['Sim']],
  ['អ៊ូ', ['Ou', 'Oo']],
];

/** Given-name stems by sex. */
const GIVEN_MALE: readonly Name[] = [
  ['ដារ៉ា', ['Dara']],
  ['វិបុល', ['Vibol']],
  ['សុភ័ក្រ', ['Sopheak', 'Sopheaktra']],
  ['សំណាង', ['Samnang']],
  ['រិទ្ធី', ['Rithy', 'Rithi']],
  ['វណ្ណា', ['Vanna', 'Vana']],
  ['សុវណ្ណ', ['Sovann', 'Sovan']],
  ['កុសល', ['Kosal']],
  ['វិសាល', ['Visal']],
  ['ពិសិដ្ឋ', ['Piseth', 'Piset']],
  ['សម្បត្តិ', ['Sambath', 'Sambat']],
  ['មករា', ['Makara']],
  ['ចន្ធូ', ['Chanthou', 'Chantho']],
  ['វុទ្ធី', ['Vuthy', 'Vuthi']],
  ['សុផល', ['Sophal']],
  ['ណារិន', ['Narin']],
  ['រដ្ឋា', ['Ratha', 'Rattha']],
  ['សុខុម', ['Sokhom', 'Sokhum']],
  ['វាសនា', ['Veasna']],
  ['ភារម្យ', ['Phearum', 'Pheareum']],
  ['ធារ៉ា', ['Theara']],
  ['បូរ៉ា', ['Bora']],
  ['សុជាតិ', ['Socheat']],
  ['ពិសាល', ['Pisal']],
  ['ចំរើន', ['Chamroeun', 'Chamroeurn']],
  ['សារ៉ុន', ['Saron']],
  ['វិចិត្រ', ['Vichet', 'Vicheth']],
  ['មុនី', ['Mony', 'Moni']],
  ['ឧត្តម', ['Oudom', 'Udom']],
  ['សុភា', ['Sophea']],
  ['កក្កដា', ['Kakada']],
  ['ធីរៈ', ['Thearak', 'Theareak']],
  ['សេរី', ['Serey', 'Serei']],
  ['ប៊ុនធឿន', ['Bunthoeun', 'Bunthoeurn']],
  ['វិរៈ', ['Vireak']],
  ['ហ៊ាន', ['Hean']],
];

const GIVEN_FEMALE: readonly Name[] = [
  ['សុផា', ['Sophea', 'Sophia']],
  ['បុប្ផា', ['Bopha', 'Bupha']],
  ['ធីតា', ['Thida', 'Theda']],
  ['ពិសី', ['Pisey', 'Pisei']],
  ['ចន្ថា', ['Chantha']],
  ['លក្ខិណា', ['Leakhena']],
  ['ម៉ាលីស', ['Malis']],
  ['ណារី', ['Nary', 'Nari']],
  ['សុខា', ['Sokha']],
  ['ចិន្តា', ['Chenda', 'Chinda']],
  ['ដាវី', ['Davy', 'Davi']],
  ['កញ្ញា', ['Kanha', 'Kagna']],
  ['មាលា', ['Mealea']],
  ['ផល្លា', ['Phalla', 'Phala']],
  ['សុធា', ['Sothea']],
  ['សុភាព', ['Sopheap']],
  ['រតនា', ['Rathana']],
  ['គន្ធា', ['Kunthea', 'Kanthea']],
  ['ស្រីមុំ', ['Srey Mom', 'Srei Mom', 'Sreymom']],
  ['ស្រីនាង', ['Srey Neang', 'Srei Neang', 'Sreyneang']],
  ['ស្រីពៅ', ['Srey Pov', 'Srei Pov', 'Sreypov']],
  ['ស្រីល័ក្ខ', ['Srey Leak', 'Srei Leak', 'Sreyleak']],
  ['ស្រីនិច', ['Srey Nich', 'Srei Nich']],
  ['ចាន់ធី', ['Chanthy', 'Chanthi']],
  ['សុម៉ាលី', ['Somaly', 'Somali']],
  ['ស្រីអូន', ['Srey Oun', 'Srei Oun', 'Sreyoun']],
  ['ម៉ានិត', ['Manith']],
  ['រចនា', ['Rachana']],
  ['សុគន្ធា', ['Sokunthea']],
  ['ច័ន្ទ', ['Chan', 'Chann']],
  ['ឡាក់ស្មី', ['Leaksmey', 'Leaksmei']],
  ['វិច្ឆិកា', ['Vichika']],
  ['នារី', ['Neary']],
  ['ស៊ីណា', ['Sina', 'Seena']],
  ['ពុទ្ធី', ['Puthy', 'Puthi']],
  ['មុន្នី', ['Monny', 'Monni']],
];

/** Optional first syllables of given names ("Sok Dara", "Chan Thy", "Srey Mom"). */
const GIVEN_PREFIX: readonly Name[] = [
  ['សុខ', ['Sok', 'Sokh']],
  ['ចាន់', ['Chan']],
  ['ប៊ុន', ['Bun']],
  ['សុភ', ['Sopha']],
  ['ពេជ្រ', ['Pich']],
  ['មាស', ['Meas']],
  ['កែវ', ['Keo']],
  ['សំ', ['Sam']],
  ['ស្រី', ['Srey', 'Srei']],
  ['រិទ្ធ', ['Rith']],
  ['វណ្ណ', ['Vann', 'Van']],
  ['គឹម', ['Kim']],
  ['សេង', ['Seng']],
  ['ហេង', ['Heng']],
  ['សុគុណ', ['Sokun']],
  ['រដ្ឋ', ['Rath', 'Rat']],
  ['ពៅ', ['Pov']],
  ['ម៉ុង', ['Mong']],
  ['ថា', ['Tha']],
  ['លី', ['Ly', 'Li']],
  ['ណា', ['Na']],
  ['វី', ['Vy', 'Vi']],
  ['ឆ', ['Chha']],
  ['ឧ', ['Ou', 'Ol']],
];

const KHMER_CONSONANTS = 'កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ';
const KHMER_VOWEL_SIGNS = 'ាិីឹឺុូួើឿៀេែៃោៅំះ';

export interface SyntheticOptions {
  /** Number of true people. */
  people: number;
  seed?: number;
  /** Multiplies every error rate (1 = the default rates). */
  errorScale?: number;
}

export interface SyntheticRegisters {
  records: LegacyRecord[];
  /** The true person of each record. */
  personOf: Int32Array;
}

interface Person {
  family: number;
  givenSex: 'M' | 'F';
  given: number;
  prefix: number;
  birth: string;
  id: string | null;
}

/** Builds records for `people` people with the brief's duplicates and errors. */
export function syntheticRegisters(options: SyntheticOptions): SyntheticRegisters {
  const random = createRandom(options.seed ?? 1);
  const scale = options.errorScale ?? 1;
  const records: LegacyRecord[] = [];
  const personOf: number[] = [];
  const familyPick = zipf(FAMILY.length, 0.8);
  const malePick = zipf(GIVEN_MALE.length, 0.9);
  const femalePick = zipf(GIVEN_FEMALE.length, 0.9);
  const prefixPick = zipf(GIVEN_PREFIX.length, 0.6);
  const usedIds = new Set<string>();
  let serial = 0;

  for (let p = 0; p < options.people; p++) {
    const sex = random() < 0.5 ? 'M' : 'F';
    const person: Person = {
      family: familyPick(random()),
      givenSex: sex,
      given: sex === 'M' ? malePick(random()) : femalePick(random()),
      prefix: random() < 0.6 ? prefixPick(random()) : -1,
      birth: randomBirth(random),
      id: null,
    };
    if (random() < 0.85) {
      let id: string;
      do id = digits(random, 9);
      while (usedIds.has(id));
      usedIds.add(id);
      person.id = id;
    }
    const u = random();
    const sources: LegacySource[] = u < 0.86 ? ['nssf'] : u < 0.97 ? ['nssf-c'] : ['nfv'];
    const first = sources[0]!;
    if (first === 'nssf' && random() < 0.05) sources.push('nssf');
    if (first === 'nssf-c' && random() < 0.2) sources.push('nssf');
    if (first === 'nfv' && random() < 0.3) sources.push('nssf-c');
    if (first === 'nfv' && random() < 0.1) sources.push('nssf');
    for (const source of sources) {
      records.push(writeRecord(person, source, serial++, random, scale));
      personOf.push(p);
    }
  }
  return { records, personOf: Int32Array.from(personOf) };
}

function writeRecord(
  person: Person,
  source: LegacySource,
  serial: number,
  random: () => number,
  scale: number,
): LegacyRecord {
  const given = (person.givenSex === 'M' ? GIVEN_MALE : GIVEN_FEMALE)[person.given]!;
  const family = FAMILY[person.family]!;
  const prefix = person.prefix >= 0 ? GIVEN_PREFIX[person.prefix]! : null;

  let khmer: string | null = `${family[0]} ${prefix ? prefix[0] : ''}${given[0]}`;
  if (random() < 0.04 * scale) khmer = khmerTypo(khmer, random);
  if (random() < 0.01 * scale) khmer = null;

  let latin: string | null = null;
  if (source !== 'nfv') {
    const givenLatin = (prefix ? `${variant(prefix[1], random)} ` : '') + variant(given[1], random);
    latin = `${variant(family[1], random)} ${givenLatin}`;
    if (random() < 0.04 * scale) latin = latinTypo(latin, random);
    if (random() < 0.06 * scale) latin = null;
    else latin = source === 'nssf' ? latin.toUpperCase() : titleCase(latin);
  }

  let birth: string | null = person.birth;
  const b = random();
  if (b < 0.03 * scale) birth = swapDayMonth(birth);
  else if (b < 0.05 * scale) birth = changeOneComponent(birth, random);
  else if (b < 0.06 * scale) birth = null;

  let sex: 'M' | 'F' | null = person.givenSex;
  const s = random();
  if (s < 0.005 * scale) sex = sex === 'M' ? 'F' : 'M';
  else if (s < 0.01 * scale) sex = null;

  let id = person.id;
  if (id !== null) {
    const i = random();
    if (i < (source === 'nfv' ? 0.4 : 0.15) * scale) id = null;
    else if (i < (source === 'nfv' ? 0.42 : 0.17) * scale) id = changeDigit(id, random);
    else if (i < (source === 'nfv' ? 0.43 : 0.18) * scale) id = transposeDigits(id, random);
  }

  return {
    source,
    recordId: `${source}-${serial}`,
    row: serial + 2,
    nameKhmer: khmer,
    nameLatin: latin,
    sex,
    birthDate: birth,
    nationalId: id,
  };
}

/** A sampler of indices 0..n-1 with weights 1/(k+1)^s, from a uniform number. */
function zipf(n: number, s: number): (u: number) => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return (u) => {
    const target = u * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function variant(spellings: readonly string[], random: () => number): string {
  if (spellings.length === 1 || random() < 0.6) return spellings[0]!;
  return spellings[1 + Math.floor(random() * (spellings.length - 1))]!;
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|\s)([a-z])/g, (_, space: string, c: string) => space + c.toUpperCase());
}

function randomBirth(random: () => number): string {
  const year = 1950 + Math.floor(random() * 56);
  if (random() < 0.03) return `${year}-01-01`;
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return iso(year, month, day);
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day and month exchanged, when that is a real date and differs; otherwise unchanged. */
export function swapDayMonth(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return d <= 12 && d !== m ? iso(y, d, m) : date;
}

/** One of year, month or day changed to another valid value. */
export function changeOneComponent(date: string, random: () => number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const which = Math.floor(random() * 3);
  if (which === 0) return iso(y + (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 9)), m, d);
  if (which === 1) return iso(y, (m % 12) + 1, d);
  return iso(y, m, (d % 28) + 1);
}

function digits(random: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(random() * 10));
  return s;
}

/** One digit replaced by another. */
export function changeDigit(id: string, random: () => number): string {
  const at = Math.floor(random() * id.length);
  const old = id.charCodeAt(at) - 48;
  const digit = (old + 1 + Math.floor(random() * 9)) % 10;
  return id.slice(0, at) + String(digit) + id.slice(at + 1);
}

/** Two adjacent digits exchanged (the same ID when they are equal). */
export function transposeDigits(id: string, random: () => number): string {
  const at = Math.floor(random() * (id.length - 1));
  return id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
}

/** One letter substituted, deleted, inserted, or two adjacent letters exchanged. */
export function latinTypo(name: string, random: () => number): string {
  const letters = 'abcdefghijklmnoprstuvy';
  const at = Math.floor(random() * name.length);
  if (name[at] === ' ') return name;
  const kind = Math.floor(random() * 4);
  const letter = letters[Math.floor(random() * letters.length)]!;
  if (kind === 0) return name.slice(0, at) + letter + name.slice(at + 1);
  if (kind === 1) return name.length > 3 ? name.slice(0, at) + name.slice(at + 1) : name;
  if (kind === 2) return name.slice(0, at) + letter + name.slice(at);
  if (at + 1 < name.length && name[at + 1] !== ' ')
    return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
  return name;
}

/** One Khmer code point replaced (consonant by consonant, sign by sign), deleted or doubled. */
export function khmerTypo(name: string, random: () => number): string {
  const chars = [...name];
  const at = Math.floor(random() * chars.length);
  const c = chars[at]!;
  if (c === ' ') return name;
  const kind = Math.floor(random() * 3);
  if (kind === 0) {
    const pool = KHMER_CONSONANTS.includes(c) ? KHMER_CONSONANTS : KHMER_VOWEL_SIGNS;
    chars[at] = [...pool][Math.floor(random() * [...pool].length)]!;
  } else if (kind === 1 && chars.length > 3) {
    chars.splice(at, 1);
  } else {
    chars.splice(at, 0, c);
  }
  return chars.join('');
}
