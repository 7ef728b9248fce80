/**
 * @module law/variables/contributory-wage
 * The contributory ("assumed") wage on which NSSF contributions are computed.
 * - Health care and employment injury: a banded table: any wage up to 200,000 riel counts as
 *   200,000; each 50,000-riel band counts at its mid-point; the top band counted 1,000,000 until
 *   the prakas of 18 October 2018 and 1,200,000 after (REFERENCE.md §2.3, B1.3).
 * - Pension (from 1 October 2022): the wage between a floor of 400,000 and a ceiling of
 *   1,200,000 riel; whether it is banded too is an open question, so it is a parameter
 *   (`nssf.pension.contributory_wage.banded`, confidence unverified).
 * A month without wage has no contributory wage: no contribution is due on it.
 */
import { clamp, gt, scale, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { wage_in_riel } from './wage.js';

export const contributory_wage = defineVariable({
  name: 'contributory_wage',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Contributory (assumed) wage for health care and employment injury',
    km: 'ប្រាក់ឈ្នួលជាមូលដ្ឋានភាគទានសម្រាប់ថែទាំសុខភាព និងហានិភ័យការងារ',
  },
  reference: 'Prakas 109/2008 Annex 1, revised 18 Oct 2018 (REFERENCE.md §2.3, B1.3)',
  formulas: {
    '2008-05-16': ({ p }) => where(gt(wage_in_riel, 0), scale(p.nssf.assumed_wage.bands, wage_in_riel), 0),
  },
});

export const pension_contributory_wage = defineVariable({
  name: 'pension_contributory_wage',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Contributory wage for the pension scheme', km: 'ប្រាក់ឈ្នួលជាមូលដ្ឋានភាគទានសម្រាប់របបសោធននិវត្តន៍' },
  reference: 'Sub-decree 32 (4 March 2021); contributions from 1 Oct 2022 (REFERENCE.md §2.3, B1.3)',
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        gt(wage_in_riel, 0),
        clamp(
          where(
            p.nssf.pension.contributory_wage.banded,
            scale(p.nssf.assumed_wage.bands, wage_in_riel),
            wage_in_riel,
          ),
          p.nssf.pension.contributory_wage.floor,
          p.nssf.pension.contributory_wage.ceiling,
        ),
        0,
      ),
  },
});
