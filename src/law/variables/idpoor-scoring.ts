/**
 * @module law/variables/idpoor-scoring
 * IDPoor-style identification of poor households (REFERENCE.md §3.1, B5): the questionnaire's
 * answers (housing, roof, walls, land, assets, livestock, income, the members' ages for the
 * dependency ratio) give points, a Village Representative Group may add points for special
 * circumstances, and the score's cut-offs give Poor 1, Poor 2 or not poor. The items are those
 * REFERENCE.md names; every weight and cut-off is an unverified placeholder (the IDPoor manual
 * was not read), so the scoring can be run, tested and replaced as data.
 */
import { and, countMembers, ge, gt, lt, min, mul, not, sum, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { age } from './wage.js';

const B5 = 'IDPoor questionnaire; weights and cut-offs not found (REFERENCE.md §B5, §3.1)';

const answer = (name: string, en: string, km: string) =>
  defineVariable({
    name,
    entity: 'household',
    period: 'month',
    type: 'boolean',
    label: { en, km },
    reference: B5,
  });

export const roof_is_thatch = answer('roof_is_thatch', 'Roof of thatch, leaves or plastic', 'ដំបូលស្លឹក ឬប្លាស្ទិក');
export const walls_are_thatch = answer(
  'walls_are_thatch',
  'Walls of thatch, leaves or bamboo',
  'ជញ្ជាំងស្លឹក ឬឫស្សី',
);
export const has_valuable_assets = answer(
  'has_valuable_assets',
  'Owns a valuable asset (motorbike, television, …)',
  'មានទ្រព្យមានតម្លៃ',
);
export const has_livestock = answer('has_livestock', 'Owns livestock', 'មានសត្វចិញ្ចឹម');

export const agricultural_land_ha = defineVariable({
  name: 'agricultural_land_ha',
  entity: 'household',
  period: 'month',
  unit: 'ha',
  min: 0,
  label: { en: 'Agricultural land the household farms', km: 'ដីកសិកម្មដែលគ្រួសារធ្វើ' },
  reference: B5,
});

export const income_per_person_per_day = defineVariable({
  name: 'income_per_person_per_day',
  entity: 'household',
  period: 'month',
  unit: 'KHR',
  min: 0,
  label: { en: 'Income per person per day', km: 'ប្រាក់ចំណូលក្នុងម្នាក់ក្នុងមួយថ្ងៃ' },
  reference: B5,
});

export const special_circumstances_points = defineVariable({
  name: 'special_circumstances_points',
  entity: 'household',
  period: 'month',
  unit: 'point',
  min: 0,
  label: {
    en: 'Points the Village Representative Group adds for special circumstances',
    km: 'ពិន្ទុដែលក្រុមតំណាងភូមិបន្ថែមសម្រាប់កាលៈទេសៈពិសេស',
  },
  reference: 'Village Representative Groups may consider non-economic indicators (REFERENCE.md §B5)',
});

export const household_dependants = defineVariable({
  name: 'household_dependants',
  entity: 'household',
  period: 'month',
  unit: 'person',
  label: { en: 'Members under 15 or aged 65 and over', km: 'សមាជិកអាយុក្រោម ១៥ ឬ ៦៥ ឡើង' },
  reference: B5,
  formulas: { '2007-01-01': () => countMembers(or15or65()) },
});

export const household_working_age = defineVariable({
  name: 'household_working_age',
  entity: 'household',
  period: 'month',
  unit: 'person',
  label: { en: 'Members aged 15 to 64', km: 'សមាជិកអាយុ ១៥ ដល់ ៦៤' },
  reference: B5,
  formulas: { '2007-01-01': () => countMembers(not(or15or65())) },
});

/** Working age is 15 to 64, the usual convention of dependency ratios (not a legal number). */
function or15or65() {
  const WORKING_AGE_FROM = 15;
  const OLD_AGE_FROM = 65;
  return not(and(ge(age, WORKING_AGE_FROM), lt(age, OLD_AGE_FROM)));
}

export const idpoor_score = defineVariable({
  name: 'idpoor_score',
  entity: 'household',
  period: 'month',
  unit: 'point',
  label: { en: 'IDPoor questionnaire score', km: 'ពិន្ទុកម្រងសំណួរ IDPoor' },
  reference: B5,
  documentation:
    'The points of each item that applies, plus the special circumstances up to their maximum. Higher is poorer.',
  formulas: {
    '2007-01-01': ({ p }) => {
      const s = p.social_assistance.idpoor;
      const pts = s.points;
      return sum(
        where(roof_is_thatch, pts.roof_thatch, 0),
        where(walls_are_thatch, pts.walls_thatch, 0),
        where(
          gt(agricultural_land_ha, 0),
          where(lt(agricultural_land_ha, s.little_land_ha), pts.little_rice_land, 0),
          pts.no_rice_land,
        ),
        where(has_valuable_assets, 0, pts.no_valuable_assets),
        where(has_livestock, 0, pts.no_livestock),
        where(lt(income_per_person_per_day, s.poverty_line_per_day), pts.low_income, 0),
        where(
          gt(household_dependants, mul(household_working_age, s.dependency_ratio)),
          pts.high_dependency,
          0,
        ),
        min(special_circumstances_points, s.special_circumstances_max),
      );
    },
  },
});

export const idpoor_level_from_score = defineVariable({
  name: 'idpoor_level_from_score',
  entity: 'household',
  period: 'month',
  unit: 'level',
  label: { en: 'IDPoor level the score gives (1, 2 or 0)', km: 'កម្រិត IDPoor តាមពិន្ទុ (១ ២ ឬ ០)' },
  reference: B5,
  formulas: {
    '2007-01-01': ({ p }) =>
      where(
        ge(idpoor_score, p.social_assistance.idpoor.cut_off_poor_1),
        1,
        where(ge(idpoor_score, p.social_assistance.idpoor.cut_off_poor_2), 2, 0),
      ),
  },
});
