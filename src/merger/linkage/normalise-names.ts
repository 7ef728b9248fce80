/**
 * @module merger/linkage/normalise-names
 * Names as linkage compares them. Khmer names written in Latin letters have no single spelling
 * (the same សុខ is Sok, Sokh or Sukh; ស្រី is Srey or Srei; ចាន់ is Chan or Chann), so a
 * romanised name gets two forms:
 *
 * - the normalised name: lower case, accents and punctuation removed, one space between words;
 * - a phonetic key per word, built so that the usual romanisation variants land on the same key
 *   while distinct common names keep distinct keys (the tables in the test pin both).
 *
 * A Khmer-script name is normalised (NFC, zero-width characters removed, spaces collapsed), and
 * its skeleton keeps only consonants and independent vowels, so that a typo in a vowel sign,
 * a register shifter (៉ ៊) or a subscript mark still gives the same key.
 *
 * Names are family name first. The given name is everything after the first word, read as one
 * word, so "Srey Mom" and "Sreymom" agree.
 */

/** A name cut into the family name (first word) and the given name (the other words, joined). */
export interface NameParts {
  family: string;
  given: string;
}

const APOSTROPHES = /['’‘`´]/g;
const NON_LETTERS = /[^a-z]+/g;
const COMBINING = /\p{M}/gu;

/** Lower case, accents and apostrophes removed, other non-letters as spaces, spaces collapsed. */
export function normaliseLatinName(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFKD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NON_LETTERS, ' ')
    .trim();
}

/** Family name (first word) and given name (the remaining words joined without spaces). */
export function splitName(normalised: string): NameParts {
  if (normalised === '') return { family: '', given: '' };
  const space = normalised.indexOf(' ');
  if (space < 0) return { family: normalised, given: '' };
  return { family: normalised.slice(0, space), given: normalised.slice(space + 1).replace(/ /g, '') };
}

/**
 * Canonical vowel groups of Khmer romanisation. A maximal run of vowels (y counts as a vowel
 * unless it starts the word or comes before a vowel) is replaced by its class; runs not listed
 * stay as written.
 */
const VOWEL_CLASS: Readonly<Record<string, string>> = {
  a: 'a',
  aa: 'a',
  e: 'e',
  // ey, ei, ay, ai (Srey / Srei, Chey / Chay)
  ey: 'ei',
  ei: 'ei',
  ay: 'ei',
  ai: 'ei',
  ae: 'ei',
  eiy: 'ei',
  aiy: 'ei',
  // i, y, ee (Ly / Li / Lee, Vuthy / Vuthi)
  i: 'i',
  y: 'i',
  ee: 'i',
  ii: 'i',
  iy: 'i',
  // o, u, ou, oo, uo, oeu, eu (Sok / Suk, Nuon / Noun, Oeun / Un, Chanthou / Chantho)
  o: 'u',
  u: 'u',
  oo: 'u',
  ou: 'u',
  uo: 'u',
  uu: 'u',
  oe: 'u',
  eu: 'u',
  oeu: 'u',
  ue: 'u',
  // ea, ia (Chea / Chia)
  ea: 'ea',
  ia: 'ea',
  iea: 'ea',
  // eo (Keo / Keou)
  eo: 'eo',
  eou: 'eo',
  // ao, au (Mao / Mau)
  ao: 'ao',
  au: 'ao',
  // ua, oa (Chuan / Choan)
  ua: 'ua',
  oa: 'ua',
  uoa: 'ua',
  // oy, uy, oi, ouy (Kuoy / Kouy)
  oi: 'ui',
  oy: 'ui',
  ui: 'ui',
  uy: 'ui',
  ouy: 'ui',
  uoy: 'ui',
};

const DOUBLED_CONSONANT = /([b-df-hj-np-tv-xz])\1+/g;
const DOUBLED_ANY = /([a-z])\1+/g;
const FINAL_H_AFTER_CONSONANT = /([b-df-gj-np-tv-z])h$/;

function isVowelLetter(c: string): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

/**
 * The phonetic key of one romanised word (letters a-z; anything else is dropped):
 * 1. w→v, q→k, z→s, c not before h → k;
 * 2. doubled consonants collapsed (Chann → Chan, Sovann → Sovan, Chhim → Chim);
 * 3. a final h after a consonant dropped (Sokh → Sok);
 * 4. each vowel run replaced by its class (`VOWEL_CLASS`);
 * 5. any doubled letter collapsed.
 */
export function latinPhoneticKey(word: string): string {
  let s = word.replace(NON_LETTERS, '');
  if (s === '') return '';
  s = s
    .replace(/w/g, 'v')
    .replace(/q/g, 'k')
    .replace(/z/g, 's')
    .replace(/c(?!h)/g, 'k');
  s = s.replace(DOUBLED_CONSONANT, '$1');
  s = s.replace(FINAL_H_AFTER_CONSONANT, '$1');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (!isVowelRunLetter(s, i)) {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < s.length && isVowelRunLetter(s, j)) j++;
    const run = s.slice(i, j);
    out += VOWEL_CLASS[run] ?? run;
    i = j;
  }
  return out.replace(DOUBLED_ANY, '$1');
}

/** Whether s[i] belongs to a vowel run: a, e, i, o, u, and y unless first or before a vowel. */
function isVowelRunLetter(s: string, i: number): boolean {
  const c = s[i]!;
  if (isVowelLetter(c)) return true;
  if (c !== 'y' || i === 0) return false;
  const next = s[i + 1];
  return next === undefined || !isVowelLetter(next);
}

/** The phonetic key of a whole normalised name: family key, a space, given-name key. */
export function latinNameKey(normalised: string): string {
  const { family, given } = splitName(normalised);
  if (family === '') return '';
  return given === '' ? latinPhoneticKey(family) : `${latinPhoneticKey(family)} ${latinPhoneticKey(given)}`;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /\s+/g;

/** Vowel-sign pairs typed for the single sign they look like (Unicode does not compose them). */
const SPLIT_VOWELS = /\u17C1([\u17B6\u17B8])/g;

/**
 * A Khmer-script name in NFC, without zero-width characters, with single spaces, and with the
 * split vowels េ + ា and េ + ី written as the single signs ោ and ើ they look like.
 */
export function normaliseKhmerName(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFC')
    .replace(ZERO_WIDTH, '')
    .replace(SPLIT_VOWELS, (_, second: string) => (second === '\u17B6' ? '\u17C4' : '\u17BE'))
    .replace(SPACES, ' ')
    .trim();
}

/**
 * The consonant skeleton of Khmer text: consonants (U+1780–U+17A2) and independent vowels
 * (U+17A3–U+17B3) only. Dependent vowels, signs (nikahit, reahmuk, register shifters, bantoc…),
 * the subscript mark (coeng, whose consonant stays), spaces and anything else are dropped.
 */
export function khmerSkeleton(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x1780 && c <= 0x17b3) out += text[i];
  }
  return out;
}
