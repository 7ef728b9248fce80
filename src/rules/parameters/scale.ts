/**
 * @module rules/parameters/scale
 * Reference evaluation of scales on one number. The compiled backends (columnar, SQL) emit the
 * same arithmetic in the same order so that all three give identical results.
 */
import type { Scale } from './parameter.js';

/** Single-amount scale: the amount of the last bracket that applies; 0 below the first threshold. */
export function singleAmount(scale: Scale, base: number): number {
  let result = 0;
  for (const b of scale.brackets) {
    if (scale.thresholds === 'inclusive' ? base >= b.threshold : base > b.threshold) result = b.amount ?? 0;
    else break;
  }
  return result;
}

/**
 * Marginal-rate scale: the sum over brackets of rate x (the part of the base inside the bracket),
 * added in bracket order: max(0, min(base, next threshold) - threshold) x rate.
 */
export function marginalRate(scale: Scale, base: number): number {
  let total = 0;
  const n = scale.brackets.length;
  for (let i = 0; i < n; i++) {
    const b = scale.brackets[i]!;
    const next = scale.brackets[i + 1];
    const upper = next === undefined ? base : Math.min(base, next.threshold);
    total = total + Math.max(0, upper - b.threshold) * (b.rate ?? 0);
  }
  return total;
}

export function evaluateScale(scale: Scale, base: number): number {
  return scale.kind === 'single_amount_scale' ? singleAmount(scale, base) : marginalRate(scale, base);
}
