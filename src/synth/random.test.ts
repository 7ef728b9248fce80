/**
 * @module synth/random.test
 * The generator's random numbers: reproducible per seed and stream, independent between streams,
 * and with the distributions their names promise.
 */
import { describe, expect, it } from 'vitest';
import { apportion, cumulative, hashText, rngFor } from './random.js';

const draw = (seed: number, stream: string, n = 8) => {
  const r = rngFor(seed, stream);
  return Array.from({ length: n }, () => r.u32());
};

describe('rngFor', () => {
  it('gives the same numbers for the same seed and stream', () => {
    expect(draw(7, 'persons.birth')).toEqual(draw(7, 'persons.birth'));
  });

  it('gives other numbers for another seed or another stream', () => {
    expect(draw(7, 'persons.birth')).not.toEqual(draw(8, 'persons.birth'));
    expect(draw(7, 'persons.birth')).not.toEqual(draw(7, 'persons.sex'));
    // Seeds above 2^32 still matter.
    expect(draw(2 ** 32 + 1, 'a')).not.toEqual(draw(1, 'a'));
  });

  it('draws one stream without shifting another (per-stream seeding)', () => {
    const a = rngFor(1, 'a');
    const b = rngFor(1, 'b');
    for (let i = 0; i < 1000; i++) a.u32();
    expect(Array.from({ length: 8 }, () => b.u32())).toEqual(draw(1, 'b'));
  });

  it('is uniform and the helpers keep their ranges', () => {
    const r = rngFor(3, 'uniform');
    const bins = new Array(10).fill(0);
    let normalSum = 0;
    let normalSquares = 0;
    const n = 100_000;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outOfRange++;
      bins[Math.floor(u * 10)]++;
      const z = r.normal();
      normalSum += z;
      normalSquares += z * z;
      const k = r.between(3, 5);
      if (k < 3 || k > 5) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    for (const b of bins) expect(Math.abs(b - n / 10)).toBeLessThan(600);
    expect(Math.abs(normalSum / n)).toBeLessThan(0.02);
    expect(Math.abs(normalSquares / n - 1)).toBeLessThan(0.03);
  });

  it('picks indices in proportion to their weights', () => {
    const r = rngFor(4, 'pick');
    const c = cumulative([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.pick(c)]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2]! / counts[0]! - 3)).toBeLessThan(0.2);
  });
});

describe('apportion', () => {
  it('splits a total exactly, by largest remainder', () => {
    expect(Array.from(apportion(10, [1, 1, 1]))).toEqual([4, 3, 3]);
    expect(Array.from(apportion(7, [0.5, 0.25, 0.25]))).toEqual([3, 2, 2]);
    expect(Array.from(apportion(9, [0.5, 0.3, 0.2]))).toEqual([4, 3, 2]);
    const parts = apportion(17_101_622, [0.1369, 0.0027, 0.8604]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(17_101_622);
  });
});

describe('hashText', () => {
  it('is FNV-1a', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    expect(hashText('a')).toBe(0xe40c292c);
  });
});
