import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePoints,
  jaroCodes,
  jaroWinkler,
  osaDistance,
  osaDistanceCodes,
  withinOneEdit,
} from './compare-strings.js';

/** A plain, allocating Jaro for cross-checking. */
function referenceJaro(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0 || t.length === 0) return s.length === t.length ? 1 : 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const ms = new Array<boolean>(s.length).fill(false);
  const mt = new Array<boolean>(t.length).fill(false);
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(t.length, i + window + 1); j++) {
      if (!mt[j] && s[i] === t[j]) {
        ms[i] = mt[j] = true;
        m++;
        break;
      }
    }
  }
  if (m === 0) return 0;
  const a1 = s.filter((_, i) => ms[i]);
  const b1 = t.filter((_, j) => mt[j]);
  const half = a1.filter((c, i) => c !== b1[i]).length;
  return (m / s.length + m / t.length + (m - half / 2) / m) / 3;
}

/** Plain OSA by the textbook recurrence. */
function referenceOsa(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, () => new Array<number>(t.length + 1).fill(0));
  for (let i = 0; i <= s.length; i++) d[i]![0] = i;
  for (let j = 0; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings and 0 for nothing in common', () => {
    expect(jaroWinkler('sok dara', 'sok dara')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('a', '')).toBe(0);
  });

  it('works over Khmer code points', () => {
    expect(jaroWinkler('សុខ ដារ៉ា', 'សុខ ដារា')).toBeGreaterThan(0.9);
    expect(jaroWinkler('សុខ ដារ៉ា', 'ចាន់ សុផា')).toBeLessThan(0.6);
  });

  it('counts a surrogate pair as one code point', () => {
    expect(codePoints('a😀b').length).toBe(3);
    expect(jaroWinkler('a😀b', 'a😀b')).toBe(1);
  });

  it('agrees with a plain implementation, and is symmetric', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'ក', 'ខ'), maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'ក', 'ខ'), maxLength: 12 }),
        (a, b) => {
          const ca = codePoints(a);
          const cb = codePoints(b);
          expect(jaroCodes(ca, 0, ca.length, cb, 0, cb.length)).toBeCloseTo(referenceJaro(a, b), 12);
          expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the plain value to the last bit, on both sides of 32 code points and with clashing code points', () => {
    // 'a' and 'á' (U+00E1) share their low 7 bits, as do ក (U+1780) and ᠀ (U+1800).
    const unit = fc.constantFrom('a', 'b', 'c', 'á', 'ក', 'ខ', '᠀', ' ');
    const near = (s: string, edits: readonly [number, string][]) => {
      let out = s;
      for (const [at, c] of edits) {
        const k = at % (out.length + 1);
        out = out.slice(0, k) + c + out.slice(k + 1);
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.string({ unit, minLength: 0, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('a', 'b', 'á', 'ក', '')), { maxLength: 4 }),
        fc.boolean(),
        (a, edits, unrelated) => {
          const b = unrelated ? [...a].reverse().join('') : near(a, edits);
          for (const [x, y] of [
            [a, b],
            [b, a],
          ] as const) {
            const cx = codePoints(x);
            const cy = codePoints(y);
            expect(jaroCodes(cx, 0, cx.length, cy, 0, cy.length)).toBe(referenceJaro(x, y));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles strings longer than its initial scratch buffers', () => {
    const long = 'x'.repeat(200);
    expect(jaroWinkler(long, `${long}y`)).toBeGreaterThan(0.99);
  });
});

describe('osaDistance', () => {
  it('counts one substitution, one adjacent transposition, one deletion as 1', () => {
    expect(osaDistance('123456789', '123456789')).toBe(0);
    expect(osaDistance('123456789', '123456780')).toBe(1);
    expect(osaDistance('123456789', '123457689')).toBe(1);
    expect(osaDistance('123456789', '12345679')).toBe(1);
    expect(osaDistance('123456789', '213456798')).toBe(2);
    expect(osaDistance('ca', 'abc')).toBe(3);
    expect(osaDistance('', 'abc')).toBe(3);
  });

  it('agrees with the textbook recurrence', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '2', 'ក'), maxLength: 10 }),
        fc.string({ unit: fc.constantFrom('0', '1', '2', 'ក'), maxLength: 10 }),
        (a, b) => {
          expect(osaDistance(a, b)).toBe(referenceOsa(a, b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('withinOneEdit is osaDistance ≤ 1', () => {
    const unit = fc.constantFrom('0', '1', '2', 'ក');
    const edited = fc
      .tuple(
        fc.string({ unit, maxLength: 12 }),
        fc.array(fc.tuple(fc.constantFrom('sub', 'del', 'ins', 'swap'), fc.nat(), unit), { maxLength: 2 }),
      )
      .map(([s, edits]) => {
        let t = [...s];
        for (const [kind, at, c] of edits) {
          const k = t.length === 0 ? 0 : at % t.length;
          if (kind === 'sub' && t.length > 0) t[k] = c;
          else if (kind === 'del') t.splice(k, 1);
          else if (kind === 'ins') t.splice(k, 0, c);
          else if (kind === 'swap' && k + 1 < t.length)
            t = [...t.slice(0, k), t[k + 1]!, t[k]!, ...t.slice(k + 2)];
        }
        return [s, t.join('')] as const;
      });
    fc.assert(
      fc.property(
        fc.oneof(edited, fc.tuple(fc.string({ unit, maxLength: 10 }), fc.string({ unit, maxLength: 10 }))),
        ([a, b]) => {
          const ca = codePoints(`xy${a}`);
          const cb = codePoints(`z${b}`);
          // Offsets into larger arrays, as in the string pool.
          expect(withinOneEdit(ca, 2, ca.length - 2, cb, 1, cb.length - 1)).toBe(referenceOsa(a, b) <= 1);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stops early above max, returning something above max', () => {
    const a = codePoints('000000000');
    const b = codePoints('111111111');
    expect(osaDistanceCodes(a, 0, 9, b, 0, 9, 1)).toBeGreaterThan(1);
    expect(osaDistance('123456789', '123456780', 1)).toBe(1);
    expect(osaDistance('12', '123456', 1)).toBeGreaterThan(1);
  });
});
