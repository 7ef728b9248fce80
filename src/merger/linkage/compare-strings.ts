/**
 * @module merger/linkage/compare-strings
 * String similarity for record linkage, over code points: Jaro-Winkler for names, and the
 * optimal string alignment distance (Damerau-Levenshtein without re-editing a transposed pair)
 * for identifiers and Khmer names. The hot-loop forms take a code-point pool with start and
 * length (see `StringTable`) and allocate nothing: their scratch buffers are module-level and
 * grow only when a longer string comes. The string forms are for tests and single comparisons.
 */

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);
let rowPrev2 = new Int32Array(65);
let rowPrev = new Int32Array(65);
let rowCur = new Int32Array(65);

/** Code points of a string (a surrogate pair is one code point). */
export function codePoints(text: string): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (const ch of text) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}

/**
 * Jaro similarity of `a[aStart, aStart+aLen)` and `b[bStart, bStart+bLen)`: 1 for equal strings,
 * 0 when nothing matches (or exactly one is empty; two empty strings give 1).
 */
export function jaroCodes(
  a: ArrayLike<number>,
  aStart: number,
  aLen: number,
  b: ArrayLike<number>,
  bStart: number,
  bLen: number,
): number {
  if (aLen === 0 || bLen === 0) return aLen === bLen ? 1 : 0;
  if (aLen <= 32 && bLen <= 32) return jaroShort(a, aStart, aLen, b, bStart, bLen);
  if (aLen > matchedA.length) matchedA = new Uint8Array(aLen * 2);
  if (bLen > matchedB.length) matchedB = new Uint8Array(bLen * 2);
  const window = Math.max(0, (Math.max(aLen, bLen) >> 1) - 1);
  matchedA.fill(0, 0, aLen);
  matchedB.fill(0, 0, bLen);
  let matches = 0;
  for (let i = 0; i < aLen; i++) {
    const c = a[aStart + i]!;
    const lo = i > window ? i - window : 0;
    const hi = Math.min(i + window + 1, bLen);
    for (let j = lo; j < hi; j++) {
      if (matchedB[j] === 0 && b[bStart + j] === c) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  for (let i = 0, j = 0; i < aLen; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a[aStart + i] !== b[bStart + j]) halfTranspositions++;
    j++;
  }
  const m = matches;
  return (m / aLen + m / bLen + (m - halfTranspositions / 2) / m) / 3;
}

/** Per code point (by its low 7 bits), the positions of b where it occurs, as a bit mask. */
const slotCode = new Int32Array(128).fill(-1);
const slotMask = new Int32Array(128);

/**
 * `jaroCodes` of two non-empty strings of at most 32 code points each, bit-parallel: the matched
 * flags are bit masks, and the candidate positions of a[i] in b are the positions of that code
 * point in b, inside the window, not yet matched; the lowest of them is the one the plain scan
 * takes. Same matches in the same order, so the same value to the last bit. Two code points of b
 * with the same low 7 bits (not within Latin letters, nor within the Khmer block) fall back to
 * the scan.
 */
function jaroShort(
  a: ArrayLike<number>,
  aStart: number,
  aLen: number,
  b: ArrayLike<number>,
  bStart: number,
  bLen: number,
): number {
  const longer = Math.max(aLen, bLen);
  const window = longer > 1 ? (longer >> 1) - 1 : 0;
  let clash = false;
  for (let j = 0; j < bLen; j++) {
    const c = b[bStart + j]!;
    const slot = c & 127;
    const known = slotCode[slot]!;
    if (known === -1) {
      slotCode[slot] = c;
      slotMask[slot] = 1 << j;
    } else if (known === c) {
      slotMask[slot]! |= 1 << j;
    } else {
      clash = true;
    }
  }
  let inA = 0;
  let inB = 0;
  let matches = 0;
  if (!clash) {
    for (let i = 0; i < aLen; i++) {
      const c = a[aStart + i]!;
      const slot = c & 127;
      if (slotCode[slot] !== c) continue;
      const lo = i > window ? i - window : 0;
      const end = i + window + 1;
      const hi = Math.min(end, bLen);
      // Positions lo..hi-1 (hi ≤ 32).
      const inWindow = (hi === 32 ? -1 : (1 << hi) - 1) & ~((1 << lo) - 1);
      const free = slotMask[slot]! & inWindow & ~inB;
      if (free !== 0) {
        inA |= 1 << i;
        inB |= free & -free;
        matches++;
      }
    }
  } else {
    for (let i = 0; i < aLen; i++) {
      const c = a[aStart + i]!;
      const lo = i > window ? i - window : 0;
      const end = i + window + 1;
      const hi = Math.min(end, bLen);
      for (let j = lo; j < hi; j++) {
        if ((inB & (1 << j)) === 0 && b[bStart + j] === c) {
          inA |= 1 << i;
          inB |= 1 << j;
          matches++;
          break;
        }
      }
    }
  }
  for (let j = 0; j < bLen; j++) slotCode[b[bStart + j]! & 127] = -1;
  if (matches === 0) return 0;
  // The k-th matched code point of a against the k-th of b.
  let halfTranspositions = 0;
  while (inA !== 0) {
    const i = 31 - Math.clz32(inA & -inA);
    const j = 31 - Math.clz32(inB & -inB);
    inA &= inA - 1;
    inB &= inB - 1;
    if (a[aStart + i] !== b[bStart + j]) halfTranspositions++;
  }
  const m = matches;
  return (m / aLen + m / bLen + (m - halfTranspositions / 2) / m) / 3;
}

/**
 * Jaro-Winkler similarity: Jaro plus a bonus of `prefixScale` per common leading code point (at
 * most four), given only when Jaro reaches `boostThreshold` (Winkler's 0.7).
 */
export function jaroWinklerCodes(
  a: ArrayLike<number>,
  aStart: number,
  aLen: number,
  b: ArrayLike<number>,
  bStart: number,
  bLen: number,
  prefixScale = 0.1,
  boostThreshold = 0.7,
): number {
  const jaro = jaroCodes(a, aStart, aLen, b, bStart, bLen);
  if (jaro < boostThreshold) return jaro;
  const limit = Math.min(4, aLen, bLen);
  let prefix = 0;
  while (prefix < limit && a[aStart + prefix] === b[bStart + prefix]) prefix++;
  return jaro + prefix * prefixScale * (1 - jaro);
}

/** Jaro-Winkler similarity of two strings, over code points. */
export function jaroWinkler(a: string, b: string): number {
  const ca = codePoints(a);
  const cb = codePoints(b);
  return jaroWinklerCodes(ca, 0, ca.length, cb, 0, cb.length);
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
 * two adjacent code points, each costing 1; no substring edited twice). When `max` is given and
 * the distance exceeds it, some value greater than `max` is returned early.
 */
export function osaDistanceCodes(
  a: ArrayLike<number>,
  aStart: number,
  aLen: number,
  b: ArrayLike<number>,
  bStart: number,
  bLen: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const lengthGap = aLen > bLen ? aLen - bLen : bLen - aLen;
  if (lengthGap > max) return lengthGap;
  if (aLen === 0) return bLen;
  if (bLen === 0) return aLen;
  if (bLen + 1 > rowCur.length) {
    rowPrev2 = new Int32Array(bLen * 2 + 1);
    rowPrev = new Int32Array(bLen * 2 + 1);
    rowCur = new Int32Array(bLen * 2 + 1);
  }
  let p2 = rowPrev2;
  let p1 = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= bLen; j++) p1[j] = j;
  for (let i = 1; i <= aLen; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a[aStart + i - 1]!;
    for (let j = 1; j <= bLen; j++) {
      const cb = b[bStart + j - 1]!;
      const cost = ca === cb ? 0 : 1;
      let d = p1[j - 1]! + cost;
      const del = p1[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && ca === b[bStart + j - 2] && a[aStart + i - 2] === cb) {
        const tr = p2[j - 2]! + 1;
        if (tr < d) d = tr;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return rowMin;
    const t = p2;
    p2 = p1;
    p1 = cur;
    cur = t;
  }
  return p1[bLen]!;
}

/**
 * Whether the optimal string alignment distance is at most 1 (equal, or one insertion, deletion,
 * substitution or adjacent transposition apart): `osaDistanceCodes(…, 1) <= 1`, in one pass.
 */
export function withinOneEdit(
  a: ArrayLike<number>,
  aStart: number,
  aLen: number,
  b: ArrayLike<number>,
  bStart: number,
  bLen: number,
): boolean {
  if (aLen < bLen) return withinOneEdit(b, bStart, bLen, a, aStart, aLen);
  // Now aLen >= bLen: p is the first position where they differ.
  let p = 0;
  while (p < bLen && a[aStart + p] === b[bStart + p]) p++;
  if (aLen === bLen) {
    if (p === aLen) return true;
    // One substitution at p, or a transposition of p and p + 1; the rest equal.
    let q = p + 1;
    if (q < aLen && a[aStart + q] !== b[bStart + q]) {
      if (a[aStart + p] !== b[bStart + q] || a[aStart + q] !== b[bStart + p]) return false;
      q++;
    }
    for (; q < aLen; q++) if (a[aStart + q] !== b[bStart + q]) return false;
    return true;
  }
  if (aLen !== bLen + 1) return false;
  // One deletion from a: deleting its code point at p must leave b.
  for (let q = p; q < bLen; q++) if (a[aStart + q + 1] !== b[bStart + q]) return false;
  return true;
}

/** Optimal string alignment distance of two strings, over code points. */
export function osaDistance(a: string, b: string, max?: number): number {
  const ca = codePoints(a);
  const cb = codePoints(b);
  return osaDistanceCodes(ca, 0, ca.length, cb, 0, cb.length, max);
}
