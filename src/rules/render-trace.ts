/**
 * @module rules/render-trace
 * Renders an explanation as an indented tree a fund officer or a member can read: each variable
 * with its value, the dated formula that applied and the parameters it used with their legal
 * references. A variable already shown is not repeated. Labels follow the locale (Khmer or
 * English); used by the command line (`samaki explain`) and by the API's claim decisions.
 */
import type { Locale } from '../kernel/errors.js';
import { formatRiel } from '../kernel/money.js';
import type { Trace } from './backends/explain.js';
import type { Value } from './expr/expr.js';

export function formatValue(value: Value, unit?: string): string {
  if (typeof value === 'number') {
    const text = formatRiel(value);
    return unit === 'KHR' ? `${text} riel` : unit && unit !== '/1' ? `${text} ${unit}` : text;
  }
  return String(value);
}

export function renderTrace(trace: Trace, locale: Locale = 'en'): string {
  const lines: string[] = [];
  const shown = new Set<string>();
  const visit = (t: Trace, prefix: string, childPrefix: string): void => {
    const id = `${t.variable}#${t.entity}#${t.key}`;
    const label = locale === 'km' && t.label.km ? t.label.km : t.label.en;
    const head = `${prefix}${t.variable} = ${formatValue(t.value, t.unit)}`;
    if (shown.has(id)) {
      lines.push(`${head}  (shown above)`);
      return;
    }
    shown.add(id);
    const how =
      t.source === 'formula'
        ? `formula from ${t.formula!.start}`
        : t.source === 'input'
          ? 'input'
          : (t.defaultReason ?? 'default');
    lines.push(`${head}  — ${label} [${how}]`);
    for (const p of t.parameters) {
      const value =
        typeof p.value === 'object' ? `scale of ${p.value.brackets.length} brackets` : String(p.value);
      const confidence = p.confidence === 'confirmed' ? '' : `, ${p.confidence}`;
      lines.push(`${childPrefix}  · ${p.name} = ${value} (from ${p.start}${confidence}; ${p.reference})`);
    }
    t.dependencies.forEach((d, i) => {
      const last = i === t.dependencies.length - 1;
      visit(d, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`);
    });
  };
  visit(trace, '', '');
  return lines.join('\n');
}
