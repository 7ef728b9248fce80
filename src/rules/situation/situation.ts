/**
 * @module rules/situation/situation
 * A situation is a small set of entities with their input values for one period: persons,
 * households and employers, each person a member of at most one household and one employer.
 * JSON shape (what `samaki explain --situation` reads):
 *   { "persons": { "a": { "age": 3 }, "b": { "wage": 0 } },
 *     "households": { "h": { "members": ["a", "b"], "area": "urban" } },
 *     "employers": { "e": { "members": ["b"] } } }
 * Parsing checks every input against its variable (entity, type, minimum), so a bad value is
 * refused with a message naming it before anything is computed.
 */
import { SamakiError } from '../../kernel/errors.js';
import type { Entity, GroupEntity, Value } from '../expr/expr.js';
import { ENTITIES } from '../expr/expr.js';
import type { Law } from '../law.js';
import type { AnyVariable } from '../variables/define-variable.js';

export type EntityInstances = {
  readonly keys: readonly string[];
  /** Input values by variable name; one entry per instance, undefined = default. */
  readonly inputs: ReadonlyMap<string, readonly (Value | undefined)[]>;
};

export type Situation = {
  readonly persons: EntityInstances;
  readonly households: EntityInstances;
  readonly employers: EntityInstances;
  /** For each person, the index of its household / employer, or -1. */
  readonly membership: Readonly<Record<GroupEntity, readonly number[]>>;
  /** For each group, the indices of its member persons. */
  readonly members: Readonly<Record<GroupEntity, readonly (readonly number[])[]>>;
};

export const ENTITY_PLURAL: Readonly<Record<Entity, 'persons' | 'households' | 'employers'>> = {
  person: 'persons',
  household: 'households',
  employer: 'employers',
};

export function instancesOf(situation: Situation, entity: Entity): EntityInstances {
  return situation[ENTITY_PLURAL[entity]];
}

/** Builds a situation from its JSON form; `file` names the source in error messages. */
export function parseSituation(law: Law, json: unknown, file = 'situation'): Situation {
  const invalid = (reason: string): never => {
    throw new SamakiError('situation_invalid', { file, reason });
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) invalid('it must be a JSON object');
  const root = json as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (!['persons', 'households', 'employers'].includes(key)) {
      invalid(`unknown key "${key}"; use persons, households and employers`);
    }
  }
  const raw = (key: string): Record<string, Record<string, unknown>> => {
    const value = root[key] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      invalid(`"${key}" must be an object keyed by id`);
    for (const [id, v] of Object.entries(value as object)) {
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        invalid(`${key}.${id} must be an object of inputs`);
    }
    return value as Record<string, Record<string, unknown>>;
  };
  const persons = raw('persons');
  const personKeys = Object.keys(persons);
  if (
    personKeys.length === 0 &&
    Object.keys(raw('households')).length === 0 &&
    Object.keys(raw('employers')).length === 0
  ) {
    invalid('it has no persons, households or employers');
  }
  const personIndex = new Map(personKeys.map((k, i) => [k, i]));
  const membership: Record<GroupEntity, number[]> = {
    household: personKeys.map(() => -1),
    employer: personKeys.map(() => -1),
  };
  const members: Record<GroupEntity, number[][]> = { household: [], employer: [] };

  const build = (entity: Entity, objects: Record<string, Record<string, unknown>>): EntityInstances => {
    const keys = Object.keys(objects);
    const inputs = new Map<string, (Value | undefined)[]>();
    keys.forEach((key, index) => {
      for (const [name, rawValue] of Object.entries(objects[key]!)) {
        if (entity !== 'person' && name === 'members') {
          const group = entity as GroupEntity;
          if (!Array.isArray(rawValue))
            invalid(`${ENTITY_PLURAL[entity]}.${key}.members must be a list of person ids`);
          const list: number[] = [];
          for (const m of rawValue as unknown[]) {
            const p = personIndex.get(String(m));
            if (p === undefined)
              invalid(`${ENTITY_PLURAL[entity]}.${key}.members names "${String(m)}", who is not in persons`);
            if (membership[group][p!] !== -1)
              invalid(`person "${String(m)}" is a member of two ${ENTITY_PLURAL[entity]}`);
            membership[group][p!] = index;
            list.push(p!);
          }
          members[group][index] = list;
          continue;
        }
        const variable = inputVariable(law, entity, name);
        const column = inputs.get(name) ?? keys.map(() => undefined);
        column[index] = coerceInput(variable, rawValue);
        inputs.set(name, column);
      }
      if (entity !== 'person') members[entity as GroupEntity][index] ??= [];
    });
    return { keys, inputs };
  };
  const result: Situation = {
    persons: build('person', persons),
    households: build('household', raw('households')),
    employers: build('employer', raw('employers')),
    membership,
    members,
  };
  return result;
}

/**
 * A situation of one person in one household with one employer, from `name=value` inputs, each
 * set on the entity of its variable (what `samaki explain --input` builds).
 */
export function singleCaseSituation(law: Law, inputs: readonly [string, string][]): Situation {
  const json: Record<Entity, Record<string, unknown>> = { person: {}, household: {}, employer: {} };
  for (const [name, text] of inputs) {
    const variable = law.variables.get(name);
    if (!variable)
      throw new SamakiError('variable_unknown', {
        name,
        hint: 'Inputs are variables; see `samaki law variables`.',
      });
    json[variable.entity][name] = parseInputText(variable, text);
  }
  return parseSituation(law, {
    persons: { person: json.person },
    households: { household: { members: ['person'], ...json.household } },
    employers: { employer: { members: ['person'], ...json.employer } },
  });
}

function inputVariable(law: Law, entity: Entity, name: string): AnyVariable {
  const variable = law.variables.get(name);
  if (!variable || variable.entity !== entity) {
    const allowed = [...law.variables.values()]
      .filter((v) => v.entity === entity && v.isInput)
      .map((v) => v.name)
      .join(', ');
    throw new SamakiError('input_not_an_input', { name, entity, allowed: allowed || '(none)' });
  }
  return variable;
}

/** Parses a command-line text value for a variable: numbers, true/false, enum values. */
export function parseInputText(variable: AnyVariable, text: string): Value {
  if (variable.type === 'number') {
    const trimmed = text.trim().replace(/_/g, '');
    if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
      throw new SamakiError('input_not_a_number', { name: variable.name, value: text });
    }
    return coerceInput(variable, Number(trimmed));
  }
  if (variable.type === 'boolean') {
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    throw new SamakiError('input_bad_boolean', { name: variable.name, value: text });
  }
  return coerceInput(variable, text);
}

/** Checks one JSON value against its variable. */
export function coerceInput(variable: AnyVariable, value: unknown): Value {
  switch (variable.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new SamakiError('input_not_a_number', { name: variable.name, value: String(value) });
      }
      if (variable.min !== undefined && value < variable.min) {
        throw new SamakiError('input_negative', { name: variable.name, value, min: variable.min });
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean')
        throw new SamakiError('input_bad_boolean', { name: variable.name, value: String(value) });
      return value;
    case 'enum':
      if (typeof value !== 'string' || !variable.values!.includes(value)) {
        throw new SamakiError('input_bad_enum', {
          name: variable.name,
          value: String(value),
          allowed: variable.values!.join(', '),
        });
      }
      return value;
  }
}

export { ENTITIES };
