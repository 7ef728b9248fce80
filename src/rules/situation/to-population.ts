/**
 * @module rules/situation/to-population
 * Turns a situation into columns for the columnar backend, so the same cases can be evaluated by
 * explain and by compiled loops (the law tests and the equivalence properties do both).
 */

import { allocateColumn, type Column, type EntityColumns, type Population } from '../backends/columnar.js';
import type { Entity, GroupEntity } from '../expr/expr.js';
import type { Law } from '../law.js';
import { instancesOf, type Situation } from './situation.js';

export function situationToPopulation(law: Law, situation: Situation, shared = false): Population {
  const entityColumns = (entity: Entity): EntityColumns => {
    const inst = instancesOf(situation, entity);
    const columns: Record<string, Column> = {};
    for (const [name, values] of inst.inputs) {
      const v = law.variable(name);
      const col = allocateColumn(v.type, inst.keys.length, shared);
      values.forEach((value, i) => {
        const x = value ?? v.defaultValue;
        col[i] = typeof x === 'boolean' ? (x ? 1 : 0) : typeof x === 'string' ? v.values!.indexOf(x) : x;
      });
      columns[name] = col;
    }
    return { count: inst.keys.length, columns };
  };
  const link = (group: GroupEntity): Int32Array => {
    const ids = situation.membership[group];
    const out = shared ? new Int32Array(new SharedArrayBuffer(ids.length * 4)) : new Int32Array(ids.length);
    out.set(ids);
    return out;
  };
  return {
    persons: entityColumns('person'),
    households: entityColumns('household'),
    employers: entityColumns('employer'),
    household: link('household'),
    employer: link('employer'),
  };
}

/** Reads a stored column back as case values (booleans and enum text restored). */
export function columnValue(
  law: Law,
  name: string,
  column: Column,
  index: number,
): number | boolean | string {
  const v = law.variable(name);
  const x = column[index]!;
  if (v.type === 'boolean') return x !== 0;
  if (v.type === 'enum') return v.values![x]!;
  return x;
}
