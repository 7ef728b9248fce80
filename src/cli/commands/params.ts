/**
 * @module cli/commands/params
 * `samaki params <dotted.name> [--at YYYY-MM-DD] [--json]`: a parameter's dated values with their
 * references and confidence; for a folder name, the parameters under it.
 */
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate } from '../../kernel/period.js';
import { cambodiaLaw } from '../../law/law.js';
import { suggest } from '../../rules/law.js';
import { type Parameter, type Scale, valueAt } from '../../rules/parameters/parameter.js';
import type { Io } from '../io.js';

export function paramsCommand(
  io: Io,
  name: string | undefined,
  options: { at?: string; json?: boolean },
): void {
  const law = cambodiaLaw();
  if (options.at !== undefined && !isIsoDate(options.at)) {
    throw new SamakiError('cli_usage', {
      reason: `--at "${options.at}" is not a date; write YYYY-MM-DD, e.g. 2024-05-01.`,
    });
  }
  const all = [...law.parameters.parameters.values()];
  const selected = name ? all.filter((p) => p.name === name || p.name.startsWith(`${name}.`)) : all;
  if (selected.length === 0) {
    throw new SamakiError('parameter_unknown', {
      name: name ?? '',
      hint: suggest(
        name ?? '',
        all.map((p) => p.name),
      ),
    });
  }
  const view = selected.map((p) => {
    const values = options.at ? [valueAt<unknown>(p.values as never, options.at)].filter(Boolean) : p.values;
    if (options.at && values.length === 0) {
      throw new SamakiError('parameter_before_first_value', {
        name: p.name,
        date: options.at,
        first: p.values[0]!.start,
        file: p.file,
      });
    }
    return { p, values: values as Parameter['values'] };
  });
  if (options.json) {
    io.out(
      JSON.stringify(
        view.map(({ p, values }) => ({
          name: p.name,
          description: p.description,
          label: p.label,
          unit: p.unit,
          kind: p.kind,
          file: p.file,
          values: values.map(({ line: _line, ...v }) => v),
        })),
        null,
        2,
      ),
    );
    return;
  }
  for (const { p, values } of view) {
    io.out(`${p.name} — ${p.description}${p.unit ? ` (${p.unit})` : ''}`);
    if (p.label?.km) io.out(`  ${p.label.km}`);
    for (const v of values) {
      const confidence = v.confidence === 'confirmed' ? '' : ` [${v.confidence}]`;
      io.out(`  from ${v.start}: ${formatParameterValue(v.value)}${confidence}`);
      io.out(`    reference: ${v.reference}`);
      if (v.note) io.out(`    note: ${v.note}`);
    }
    io.out('');
  }
}

function formatParameterValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const s = value as Scale;
    const rule = s.thresholds === 'exclusive' ? 'above' : 'from';
    return `\n${s.brackets
      .map(
        (b) =>
          `      ${rule} ${b.threshold.toLocaleString('en-US')}: ${(b.amount ?? b.rate ?? 0).toLocaleString('en-US')}`,
      )
      .join('\n')}`;
  }
  return String(value);
}
