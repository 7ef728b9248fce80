/**
 * @module law/variables/wage
 * The wage a person is paid in a month, and the wage in riel that NSSF counts. Wages paid in US
 * dollars are converted at the month's exchange rate, which is an input (the National Bank of
 * Cambodia rate that NSSF notifies each month; REFERENCE.md §2.3).
 */
import { add, mul, roundTo } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';

export const wage = defineVariable({
  name: 'wage',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  min: 0,
  label: { en: 'Wage paid in riel in the month', km: 'ប្រាក់ឈ្នួលបង់ជាប្រាក់រៀលក្នុងខែ' },
  documentation: 'Gross wage paid in riel for the month. The part paid in US dollars goes in wage_usd.',
});

export const wage_usd = defineVariable({
  name: 'wage_usd',
  entity: 'person',
  period: 'month',
  unit: 'USD',
  min: 0,
  label: { en: 'Wage paid in US dollars in the month', km: 'ប្រាក់ឈ្នួលបង់ជាដុល្លារអាមេរិកក្នុងខែ' },
});

export const exchange_rate = defineVariable({
  name: 'exchange_rate',
  entity: 'person',
  period: 'month',
  unit: 'KHR/USD',
  min: 0,
  label: { en: 'Riel per US dollar for the month', km: 'អត្រាប្តូរប្រាក់រៀលក្នុងមួយដុល្លារសម្រាប់ខែ' },
  reference: 'Monthly NBC exchange rate notified by NSSF (REFERENCE.md §2.3)',
});

export const wage_in_riel = defineVariable({
  name: 'wage_in_riel',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Wage in riel as NSSF counts it', km: 'ប្រាក់ឈ្នួលជាប្រាក់រៀលតាមការគណនារបស់ ប.ស.ស.' },
  reference: 'Wages in foreign currency converted at the monthly NBC rate (REFERENCE.md §2.3)',
  formulas: {
    // From the first NSSF contributions (employment injury, Prakas 109/2008).
    '2008-05-16': ({ p }) => add(wage, roundTo(mul(wage_usd, exchange_rate), p.nssf.rounding_step)),
  },
});

export const age = defineVariable({
  name: 'age',
  entity: 'person',
  period: 'month',
  unit: 'year',
  min: 0,
  label: { en: 'Age in completed years', km: 'អាយុគិតជាឆ្នាំគត់' },
});
