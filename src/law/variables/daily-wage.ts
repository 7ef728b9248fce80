/**
 * @module law/variables/daily-wage
 * The daily wage on which the daily cash benefits of health care and employment injury are
 * computed: the average assumed monthly wage of the past 6 months divided by the daily-wage
 * divisor (30 in the only source read, marked unverified; REFERENCE.md §B2.1, §9). It is not
 * rounded: each benefit rounds its own amount with nssf.rounding_step.
 */
import { div } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { average_contributory_wage_6m } from './benefit-inputs.js';

export const average_daily_wage = defineVariable({
  name: 'average_daily_wage',
  entity: 'person',
  period: 'month',
  unit: 'KHR/day',
  label: {
    en: 'Daily average wage for daily cash benefits',
    km: 'ប្រាក់ឈ្នួលប្រចាំថ្ងៃជាមធ្យមសម្រាប់ប្រាក់ឧបត្ថម្ភប្រចាំថ្ងៃ',
  },
  reference: 'Daily wage = average assumed monthly wage of the past 6 months ÷ 30 (REFERENCE.md §B2.1, §9)',
  formulas: {
    // From the first NSSF cash benefits (employment injury, Prakas 109/2008).
    '2008-05-16': ({ p }) => div(average_contributory_wage_6m, p.nssf.benefits.daily_wage_divisor),
  },
});
