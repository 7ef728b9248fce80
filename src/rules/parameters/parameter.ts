/**
 * @module rules/parameters/parameter
 * A parameter is a dated series of legal values read from one YAML file under the law's
 * parameter folder; the folder path is its dotted name. A value holds from its start date until
 * the next one. Scales (brackets of thresholds with amounts or rates) are first-class.
 */

/** How sure we are of a value (REFERENCE.md confidence marks). Absent means confirmed. */
export type Confidence = 'confirmed' | 'secondary' | 'derived' | 'unverified';
export const CONFIDENCES: readonly Confidence[] = ['confirmed', 'secondary', 'derived', 'unverified'];

export type Label = { readonly en: string; readonly km?: string };

export type ScalarValue = number | boolean | string;

export type Bracket = {
  readonly threshold: number;
  /** For single-amount scales: the amount that applies in this bracket. */
  readonly amount?: number;
  /** For marginal-rate scales: the rate applied to the part of the base inside this bracket. */
  readonly rate?: number;
};

export type ScaleKind = 'single_amount_scale' | 'marginal_rate_scale';
export type ParameterKind = 'value' | ScaleKind;

/**
 * `inclusive`: a bracket applies when base >= threshold (OpenFisca's convention);
 * `exclusive`: when base > threshold (tables written "200,001 to 250,000").
 */
export type ThresholdRule = 'inclusive' | 'exclusive';

export type Scale = {
  readonly kind: ScaleKind;
  readonly thresholds: ThresholdRule;
  readonly brackets: readonly Bracket[];
};

export type DatedValue<T> = {
  /** ISO start date, YYYY-MM-DD. */
  readonly start: string;
  readonly value: T;
  readonly reference: string;
  readonly confidence: Confidence;
  readonly note?: string;
  /** Line of the value in its file, for error messages. */
  readonly line: number;
};

type ParameterBase = {
  /** Dotted name: the path under the parameters folder, e.g. `nssf.pension.contribution_rate.employer`. */
  readonly name: string;
  readonly file: string;
  readonly description: string;
  readonly label?: Label;
  readonly unit?: string;
};

export type ValueParameter = ParameterBase & {
  readonly kind: 'value';
  readonly values: readonly DatedValue<ScalarValue>[];
};

export type ScaleParameter = ParameterBase & {
  readonly kind: ScaleKind;
  readonly thresholds: ThresholdRule;
  readonly values: readonly DatedValue<Scale>[];
};

export type Parameter = ValueParameter | ScaleParameter;

/** Folder descriptions from `index.yaml` files, keyed by dotted name ('' for the root). */
export type ParameterNode = { readonly name: string; readonly description?: string; readonly label?: Label };

export type ParameterTree = {
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly nodes: ReadonlyMap<string, ParameterNode>;
  readonly root: string;
};

/**
 * The value in force at `date` (YYYY-MM-DD), or undefined when the date is before the first value.
 * Values are kept sorted by start date, so the last one starting on or before the date applies.
 */
export function valueAt<T>(values: readonly DatedValue<T>[], date: string): DatedValue<T> | undefined {
  let found: DatedValue<T> | undefined;
  for (const v of values) {
    if (v.start <= date) found = v;
    else break;
  }
  return found;
}
