/**
 * @module law/define
 * `defineVariable` bound to Cambodia's parameter tree, so every formula's `p` is typed.
 */
import type { ValueKind } from '../rules/expr/expr.js';
import {
  defineVariable as define,
  type Variable,
  type VariableSpec,
} from '../rules/variables/define-variable.js';
import type { LawParameters } from './parameters.types.js';

export function defineVariable<K extends ValueKind = 'number'>(
  spec: VariableSpec<LawParameters, K>,
): Variable<LawParameters, K> {
  return define<LawParameters, K>(spec);
}
