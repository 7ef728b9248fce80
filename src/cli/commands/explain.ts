/**
 * @module cli/commands/explain
 * `samaki explain <variable> --period YYYY-MM (--input name=value … | --situation FILE.json) [--json]`:
 * computes one variable for a case and prints its value with the full explanation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Locale, SamakiError } from '../../kernel/errors.js';
import { parsePeriod } from '../../kernel/period.js';
import { cambodiaLaw } from '../../law/law.js';
import { explain } from '../../rules/backends/explain.js';
import { formatValue, renderTrace } from '../../rules/render-trace.js';
import { parseSituation, type Situation, singleCaseSituation } from '../../rules/situation/situation.js';
import type { Io } from '../io.js';

export type ExplainOptions = {
  period: string;
  input?: string[];
  situation?: string;
  json?: boolean;
  locale?: Locale;
};

export function explainCommand(io: Io, variable: string, options: ExplainOptions): void {
  const law = cambodiaLaw();
  law.variable(variable);
  const period = parsePeriod(options.period);
  if (options.situation && options.input?.length) {
    throw new SamakiError('cli_usage', {
      reason: 'Give either --input name=value or --situation FILE.json, not both.',
    });
  }
  let situation: Situation;
  if (options.situation) {
    const file = resolve(io.cwd, options.situation);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new SamakiError('situation_unreadable', {
        file: options.situation,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    // An example file of the law (src/law/examples) wraps its situation with a name and period.
    const isExample = typeof json === 'object' && json !== null && 'situation' in json;
    situation = parseSituation(
      law,
      isExample ? (json as { situation: unknown }).situation : json,
      options.situation,
    );
  } else {
    const pairs = (options.input ?? []).map((text): [string, string] => {
      const at = text.indexOf('=');
      if (at <= 0) throw new SamakiError('input_bad_format', { value: text });
      return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
    });
    situation = singleCaseSituation(law, pairs);
  }
  const result = explain(law, situation, variable, period);
  if (options.json) {
    const single = result.results.length === 1;
    io.out(
      JSON.stringify(
        {
          variable: result.variable,
          period: result.period,
          ...(single
            ? { value: result.results[0]!.value, trace: result.results[0]!.trace }
            : {
                values: Object.fromEntries(result.results.map((r) => [r.key, r.value])),
                traces: Object.fromEntries(result.results.map((r) => [r.key, r.trace])),
              }),
          law_version: result.lawVersion,
          parameter_hash: result.parameterHash,
        },
        null,
        2,
      ),
    );
    return;
  }
  for (const r of result.results) {
    io.out(
      `${variable} for ${result.entity} "${r.key}" in ${result.period}: ${formatValue(r.value, r.trace.unit)}`,
    );
    io.out(renderTrace(r.trace, options.locale ?? 'en'));
    io.out('');
  }
  io.out(`law ${result.lawVersion} · parameters ${result.parameterHash.slice(0, 12)}`);
}
