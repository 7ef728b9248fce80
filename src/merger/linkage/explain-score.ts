/**
 * @module merger/linkage/explain-score
 * Why a pair scored what it scored, field by field, for the clerical review screen: the two
 * values as the registers wrote them, the comparison level, the m and u of that level, and its
 * weight log2(m/u). The weights add up to the pair's match weight; with the prior weight they
 * give its match probability. A missing value is shown with weight 0 and no m or u.
 */
import { monthText } from '../import/legacy-dates.js';
import type { LegacyRecord } from '../legacy-record.js';
import {
  type ComparisonSettings,
  comparePair,
  DEFAULT_COMPARISON,
  decodePattern,
  FIELDS,
  type FieldName,
} from './comparators.js';
import { type MatchModel, matchProbability } from './fellegi-sunter.js';
import { prepareFeatures } from './record-features.js';

export interface FieldExplanation {
  field: FieldName;
  left: string | null;
  right: string | null;
  level: number;
  levelName: string;
  /** P(level | match); null when the level is `missing`. */
  m: number | null;
  /** P(level | non-match); null when the level is `missing`. */
  u: number | null;
  /** Term-frequency correction in bits (0 when none applies); included in `weight`. */
  termFrequencyAdjustment: number;
  /** log2(m/u) plus the term-frequency correction; 0 when missing. */
  weight: number;
}

export interface ScoreExplanation {
  fields: FieldExplanation[];
  /** Sum of the field weights. */
  weight: number;
  /** log2(λ / (1 - λ)). */
  priorWeight: number;
  probability: number;
}

/** The value of a field as written in the record, for display. */
export function fieldValue(record: LegacyRecord, field: FieldName): string | null {
  switch (field) {
    case 'name':
      return record.nameKhmer === null && record.nameLatin === null
        ? null
        : `${record.nameKhmer ?? '—'} / ${record.nameLatin ?? '—'}`;
    case 'birthDate':
      return record.birthDate;
    case 'sex':
      return record.sex;
    case 'nationalId':
      return record.nationalId;
    case 'history':
      return record.activeFrom == null || record.activeTo == null
        ? null
        : `${monthText(record.activeFrom)}..${monthText(record.activeTo)}`;
  }
}

/**
 * Explains a pair whose comparison pattern is already known; `adjustments` are the term-frequency
 * corrections per field (in `FIELDS` order), when the score used them.
 */
export function explainPattern(
  model: MatchModel,
  pattern: number,
  left: LegacyRecord,
  right: LegacyRecord,
  adjustments?: readonly number[],
): ScoreExplanation {
  const levels = decodePattern(pattern);
  let weight = 0;
  const fields = FIELDS.map((definition, k): FieldExplanation => {
    const level = levels[k]!;
    const fieldModel = model.fields[k]!;
    const adjustment = level === 0 ? 0 : (adjustments?.[k] ?? 0);
    const w = level === 0 ? 0 : fieldModel.weight[level]! + adjustment;
    weight += w;
    return {
      field: definition.name,
      left: fieldValue(left, definition.name),
      right: fieldValue(right, definition.name),
      level,
      levelName: definition.levels[level]!,
      m: level === 0 ? null : fieldModel.m[level]!,
      u: level === 0 ? null : fieldModel.u[level]!,
      termFrequencyAdjustment: adjustment,
      weight: w,
    };
  });
  return {
    fields,
    weight,
    priorWeight: model.priorWeight,
    probability: matchProbability(weight, model.lambda),
  };
}

/** Compares two records and explains their score under `model` (without term frequencies). */
export function explainPair(
  model: MatchModel,
  left: LegacyRecord,
  right: LegacyRecord,
  settings: ComparisonSettings = DEFAULT_COMPARISON,
): ScoreExplanation {
  const features = prepareFeatures([left, right]);
  return explainPattern(model, comparePair(features, 0, 1, settings), left, right);
}
