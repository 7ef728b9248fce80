/**
 * @module synth/names
 * Names of synthetic persons and the ways registers misspell them. A person holds two small
 * integers (family name, given name) into the lists of `khmer-names.ts`; the Khmer and Latin
 * spellings are made only when a file is written, so each register can pick its own
 * romanisation and make its own typing errors, as real clerks do.
 */
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, type NameEntry } from './khmer-names.js';
import { cumulative, type Rng } from './random.js';

export { FAMILY_NAMES };

/** Given names, men's first: a person's given-name index points into this list. */
export const GIVEN_NAMES: readonly NameEntry[] = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES];
export const FEMALE_GIVEN_OFFSET = MALE_GIVEN_NAMES.length;

const familyCumulative = cumulative(FAMILY_NAMES.map((e) => e.weight));
const maleCumulative = cumulative(MALE_GIVEN_NAMES.map((e) => e.weight));
const femaleCumulative = cumulative(FEMALE_GIVEN_NAMES.map((e) => e.weight));

export function drawFamilyName(rng: Rng): number {
  return rng.pick(familyCumulative);
}

/**
 * Share of persons whose given name is a compound of two listed names, written as one word
 * (សុភាដារ៉ា, Sopheadara). Khmer given names are far more varied than any list of single names;
 * without compounds, millions of synthetic people would share a few thousand full names and a
 * birth date far more often than real people do. An assumption, not a statistic.
 */
export const COMPOUND_GIVEN_NAME_SHARE = 0.5;

/** Number of listed given names: a given-name code below it is one name, above it a compound. */
export const GIVEN_NAME_COUNT = MALE_GIVEN_NAMES.length + FEMALE_GIVEN_NAMES.length;

/** The listed given names of a given-name code: one, or the two parts of a compound. */
export function givenParts(given: number): [number] | [number, number] {
  return given < GIVEN_NAME_COUNT
    ? [given]
    : [given % GIVEN_NAME_COUNT, Math.floor(given / GIVEN_NAME_COUNT) - 1];
}

/** A given-name code for a person of the sex (1 male, 2 female): one name or a compound. */
export function drawGivenName(rng: Rng, sex: number): number {
  const one = () => (sex === 1 ? rng.pick(maleCumulative) : FEMALE_GIVEN_OFFSET + rng.pick(femaleCumulative));
  const first = one();
  if (!rng.chance(COMPOUND_GIVEN_NAME_SHARE)) return first;
  const second = one();
  return second === first ? first : first + GIVEN_NAME_COUNT * (second + 1);
}

/** Khmer script, family name first, one space. */
export function khmerName(family: number, given: number): string {
  return `${FAMILY_NAMES[family]!.km} ${givenKhmer(given)}`;
}

export function familyKhmer(family: number): string {
  return FAMILY_NAMES[family]!.km;
}

export function givenKhmer(given: number): string {
  return givenParts(given)
    .map((g) => GIVEN_NAMES[g]!.km)
    .join('');
}

/** The usual romanisation, family name first (the registry's reference spelling). */
export function canonicalLatinName(family: number, given: number): string {
  return `${FAMILY_NAMES[family]!.latin[0]} ${joinLatin(givenParts(given).map((g) => GIVEN_NAMES[g]!.latin[0]!))}`;
}

/** One romanisation of a name: the usual one with probability `1 - variantRate`, else another. */
function variantOf(entry: NameEntry, rng: Rng, variantRate: number): string {
  const latin = entry.latin;
  if (latin.length === 1 || !rng.chance(variantRate)) return latin[0]!;
  return latin[1 + rng.int(latin.length - 1)]!;
}

/** A romanised name as one clerk would write it, family name first. */
export function latinName(family: number, given: number, rng: Rng, variantRate: number): string {
  const f = variantOf(FAMILY_NAMES[family]!, rng, variantRate);
  const g = joinLatin(givenParts(given).map((k) => variantOf(GIVEN_NAMES[k]!, rng, variantRate)));
  return `${f} ${g}`;
}

/** Parts of a compound given name romanised as one word: `Sophea` + `Dara` -> `Sopheadara`. */
function joinLatin(parts: readonly string[]): string {
  return parts.map((p, k) => (k === 0 ? p : p.replace(/\s+/g, '').toLowerCase())).join('');
}

// Keys next to each other on a QWERTY keyboard: the usual slip of a clerk typing Latin names.
const NEIGHBOURS: Record<string, string> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/**
 * One typing error in a Latin name: a neighbouring key, a dropped letter, two letters swapped or
 * a letter doubled. Spaces are kept, so the number of name parts does not change.
 */
export function latinTypo(text: string, rng: Rng): string {
  const letters: number[] = [];
  for (let i = 0; i < text.length; i++) if (/[A-Za-z]/.test(text[i]!)) letters.push(i);
  if (letters.length < 3) return text;
  // Not the first letter: people notice a wrong initial.
  const i = letters[1 + rng.int(letters.length - 1)]!;
  const ch = text[i]!;
  const kind = rng.int(4);
  if (kind === 0) {
    const lower = ch.toLowerCase();
    const options = NEIGHBOURS[lower] ?? 'e';
    const sub = options[rng.int(options.length)]!;
    return text.slice(0, i) + (ch === lower ? sub : sub.toUpperCase()) + text.slice(i + 1);
  }
  if (kind === 1) return text.slice(0, i) + text.slice(i + 1);
  if (kind === 2 && i + 1 < text.length && /[A-Za-z]/.test(text[i + 1]!)) {
    return text.slice(0, i) + text[i + 1]! + ch + text.slice(i + 2);
  }
  return text.slice(0, i) + ch + text.slice(i);
}

// Khmer letters and vowel signs that look or sound alike and are often exchanged.
const KHMER_CONFUSABLE: ReadonlyArray<readonly [string, string]> = [
  ['ដ', 'ត'],
  ['ប', 'ព'],
  ['ន', 'ណ'],
  ['ល', 'ឡ'],
  ['ក', 'គ'],
  ['ច', 'ជ'],
  ['ស', 'ហ'],
  ['ី', 'ិ'],
  ['ួ', 'ូ'],
  ['េ', 'ែ'],
  ['ុ', 'ូ'],
];

/** Khmer signs a clerk may leave out (bantoc, musikatoan, triisap, robat, nikahit...). */
const KHMER_DROPPABLE = /[\u17C6-\u17D1]/;

/**
 * One typing error in a Khmer name: a look-alike letter or vowel sign exchanged, or a diacritic
 * left out. Returns the text unchanged when the name offers neither.
 */
export function khmerTypo(text: string, rng: Rng): string {
  const swaps: Array<{ at: number; to: string }> = [];
  const drops: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    for (const [a, b] of KHMER_CONFUSABLE) {
      if (ch === a) swaps.push({ at: i, to: b });
      else if (ch === b) swaps.push({ at: i, to: a });
    }
    if (KHMER_DROPPABLE.test(ch)) drops.push(i);
  }
  const total = swaps.length + drops.length;
  if (total === 0) return text;
  const k = rng.int(total);
  if (k < swaps.length) {
    const s = swaps[k]!;
    return text.slice(0, s.at) + s.to + text.slice(s.at + 1);
  }
  const at = drops[k - swaps.length]!;
  return text.slice(0, at) + text.slice(at + 1);
}

/** `Sok Sreymom` -> `SOK SREYMOM` (NSSF writes Latin names in capitals). */
export function upper(text: string): string {
  return text.toUpperCase();
}
