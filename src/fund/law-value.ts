/**
 * @module fund/law-value
 * A single parameter of the law at a date, for the fund's administrative rules that are not
 * computed per person (registration deadlines, the contributions' due day, the late-payment
 * surcharge). The value comes with its legal reference, which the fund shows beside decisions.
 */
import { SamakiError } from '../kernel/errors.js';
import { cambodiaLaw } from '../law/law.js';
import { valueAt } from '../rules/parameters/parameter.js';

export interface LawValue {
  value: number;
  reference: string;
  confidence: string;
}

export function lawNumber(name: string, date: string): LawValue {
  const parameter = cambodiaLaw().parameters.parameters.get(name);
  if (parameter?.kind !== 'value') throw new SamakiError('parameter_unknown', { name, hint: '' });
  const found = valueAt(parameter.values, date);
  if (!found)
    throw new SamakiError('parameter_before_first_value', {
      name,
      date,
      first: parameter.values[0]?.start ?? '?',
      file: parameter.file,
    });
  if (typeof found.value !== 'number')
    throw new SamakiError('parameter_unknown', { name, hint: 'It is not a number.' });
  return { value: found.value, reference: found.reference, confidence: found.confidence };
}

/** `date` plus `days` days, ISO. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
