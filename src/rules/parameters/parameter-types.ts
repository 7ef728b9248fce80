/**
 * @module rules/parameters/parameter-types
 * Generates the TypeScript type of a parameter tree, so that formulas read parameters as
 * `p.nssf.pension.contribution_rate.employer` and the type checker catches a misspelt name.
 * The generated file is committed; a test fails when it is out of date with the YAML files
 * (regenerate with `samaki law types`).
 */
import type { ParameterTree } from './parameter.js';

type Node = { [key: string]: Node | string };

export function generateParameterTypes(tree: ParameterTree, importFrom: string): string {
  const root: Node = {};
  for (const p of [...tree.parameters.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const segments = p.name.split('.');
    let node = root;
    for (const s of segments.slice(0, -1)) {
      const next = node[s];
      if (typeof next === 'string') throw new Error(`parameter ${p.name} is nested under a parameter`);
      if (next === undefined) node[s] = {};
      node = node[s] as Node;
    }
    const first = p.values[0]?.value;
    node[segments[segments.length - 1]!] =
      p.kind !== 'value'
        ? 'ScaleRef'
        : typeof first === 'number'
          ? 'NumExpr'
          : typeof first === 'boolean'
            ? 'BoolExpr'
            : 'never';
  }
  const render = (node: Node, indent: string): string =>
    `{\n${Object.entries(node)
      .map(([k, v]) => `${indent}  readonly ${k}: ${typeof v === 'string' ? v : render(v, `${indent}  `)};`)
      .join('\n')}\n${indent}}`;
  return [
    '/**',
    ' * @module law/parameters.types',
    ' * GENERATED from src/law/parameters by `samaki law types`; do not edit by hand.',
    ' * The type of the parameter tree that formulas read (`p`).',
    ' */',
    `import type { BoolExpr, NumExpr, ScaleRef } from '${importFrom}';`,
    '',
    `export type LawParameters = ${render(root, '')};`,
    '',
  ].join('\n');
}
