/**
 * @module rules/parameters/load-parameters
 * Loads a folder of parameter YAML files into a `ParameterTree`. The loader is strict, as
 * openfisca-core's is: an unknown key, a bad or duplicate date, a value without a reference or a
 * malformed scale is an error naming the file, the line, the key and what to do. Nothing is
 * guessed: a broken file stops the load.
 *
 * File shape (value parameter):
 *   description: Employment injury contribution rate, employer
 *   label: { en: ..., km: ... }        # optional
 *   unit: /1                           # optional
 *   values:
 *     2008-11-01: { value: 0.008, reference: "Prakas 109/2008 (REFERENCE.md §2.2)" }
 * Scales add `kind: single_amount_scale | marginal_rate_scale`, `thresholds: inclusive | exclusive`,
 * and each dated entry has `brackets: [{ threshold, amount | rate }]` instead of `value`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate } from '../../kernel/period.js';
import {
  type Bracket,
  CONFIDENCES,
  type Confidence,
  type DatedValue,
  type Label,
  type Parameter,
  type ParameterKind,
  type ParameterNode,
  type ParameterTree,
  type ScalarValue,
  type Scale,
  type ThresholdRule,
} from './parameter.js';

const FILE_KEYS = ['description', 'label', 'unit', 'kind', 'thresholds', 'values'] as const;
const INDEX_KEYS = ['description', 'label'] as const;
const VALUE_KEYS = ['value', 'reference', 'confidence', 'note'] as const;
const SCALE_VALUE_KEYS = ['brackets', 'reference', 'confidence', 'note'] as const;
const BRACKET_KEYS_AMOUNT = ['threshold', 'amount'] as const;
const BRACKET_KEYS_RATE = ['threshold', 'rate'] as const;
const KINDS: readonly ParameterKind[] = ['value', 'single_amount_scale', 'marginal_rate_scale'];
const NAME_SEGMENT = /^[a-z][a-z0-9_]*$/;

/** Loads every `*.yaml` file under `root`; `index.yaml` files describe their folder. */
export function loadParameters(root: string): ParameterTree {
  const parameters = new Map<string, Parameter>();
  const nodes = new Map<string, ParameterNode>();
  for (const file of listYamlFiles(root)) {
    const rel = relative(root, file);
    const segments = rel.slice(0, -'.yaml'.length).split(sep);
    const isIndex = segments[segments.length - 1] === 'index';
    const nameSegments = isIndex ? segments.slice(0, -1) : segments;
    const display = relative(process.cwd(), file) || file;
    for (const s of nameSegments) {
      if (!NAME_SEGMENT.test(s)) {
        throw new SamakiError('parameter_bad_value', {
          file: display,
          line: 1,
          key: s,
          reason: 'file and folder names are parameter names: lower-case snake_case, starting with a letter',
        });
      }
    }
    const name = nameSegments.join('.');
    const source = readFileSync(file, 'utf8');
    if (isIndex) nodes.set(name, parseIndex(source, display, name));
    else parameters.set(name, parseParameterFile(source, display, name));
  }
  return { parameters, nodes, root };
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listYamlFiles(full));
    else if (entry.endsWith('.yaml')) out.push(full);
  }
  return out;
}

/** Parsing context: the file name and a line counter, so every error can say where. */
type Ctx = { file: string; lines: LineCounter };

function lineOf(ctx: Ctx, node: Node | Pair | null | undefined): number {
  const target = node && 'range' in node ? node : node && 'key' in node ? (node.key as Node) : undefined;
  const offset = target?.range?.[0] ?? 0;
  return ctx.lines.linePos(offset).line;
}

function fail(
  ctx: Ctx,
  code: 'parameter_bad_value' | 'parameter_missing_field',
  at: Node | Pair | null | undefined,
  key: string,
  reason: string,
): never {
  throw new SamakiError(code, { file: ctx.file, line: lineOf(ctx, at), key, reason });
}

function parseDocumentStrict(source: string, file: string): { ctx: Ctx; root: YAMLMap } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const ctx: Ctx = { file, lines };
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lines.linePos(firstError.pos[0]).line;
    throw new SamakiError('parameter_yaml_syntax', {
      file,
      line,
      reason: firstError.message.split('\n')[0],
    });
  }
  if (!isMap(doc.contents))
    fail(ctx, 'parameter_bad_value', doc.contents, '(file)', 'a parameter file is a map of keys');
  return { ctx, root: doc.contents };
}

/** Checks that a map has only allowed keys, each once; returns the pairs by key. */
function keysOf(ctx: Ctx, map: YAMLMap, allowed: readonly string[]): Map<string, Pair> {
  const seen = new Map<string, Pair>();
  for (const item of map.items) {
    const pair = item as Pair;
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.includes(key)) {
      throw new SamakiError('parameter_unknown_key', {
        file: ctx.file,
        line: lineOf(ctx, pair.key as Node),
        key,
        allowed: allowed.join(', '),
      });
    }
    if (seen.has(key)) fail(ctx, 'parameter_bad_value', pair.key as Node, key, 'this key appears twice');
    seen.set(key, pair);
  }
  return seen;
}

function scalarOf(pair: Pair | undefined): unknown {
  if (!pair) return undefined;
  const v = pair.value;
  return isScalar(v) ? v.value : v;
}

function stringField(
  ctx: Ctx,
  pairs: Map<string, Pair>,
  key: string,
  required: boolean,
  at: Node,
): string | undefined {
  const pair = pairs.get(key);
  const value = scalarOf(pair);
  if (value === undefined || value === null) {
    if (required) fail(ctx, 'parameter_missing_field', at, key, `add a ${key}`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    fail(ctx, 'parameter_bad_value', pair?.value as Node, key, `${key} must be non-empty text`);
  }
  return value;
}

function parseLabel(ctx: Ctx, pair: Pair | undefined): Label | undefined {
  if (!pair) return undefined;
  if (!isMap(pair.value))
    fail(ctx, 'parameter_bad_value', pair, 'label', 'label is a map { en: ..., km: ... }');
  const pairs = keysOf(ctx, pair.value, ['en', 'km']);
  const en = stringField(ctx, pairs, 'en', true, pair.value);
  const km = stringField(ctx, pairs, 'km', false, pair.value);
  return km === undefined ? { en: en! } : { en: en!, km };
}

function parseIndex(source: string, file: string, name: string): ParameterNode {
  const { ctx, root } = parseDocumentStrict(source, file);
  const pairs = keysOf(ctx, root, INDEX_KEYS);
  const description = stringField(ctx, pairs, 'description', false, root);
  const label = parseLabel(ctx, pairs.get('label'));
  return { name, ...(description ? { description } : {}), ...(label ? { label } : {}) };
}

/** Parses one parameter file's text. Exported for the loader-error fixtures' tests. */
export function parseParameterFile(source: string, file: string, name: string): Parameter {
  const { ctx, root } = parseDocumentStrict(source, file);
  const pairs = keysOf(ctx, root, FILE_KEYS);
  const description = stringField(ctx, pairs, 'description', true, root)!;
  const label = parseLabel(ctx, pairs.get('label'));
  const unit = stringField(ctx, pairs, 'unit', false, root);
  const kindText = stringField(ctx, pairs, 'kind', false, root) ?? 'value';
  if (!KINDS.includes(kindText as ParameterKind)) {
    fail(ctx, 'parameter_bad_value', pairs.get('kind'), 'kind', `kind must be one of ${KINDS.join(', ')}`);
  }
  const kind = kindText as ParameterKind;
  const thresholdsText = stringField(ctx, pairs, 'thresholds', false, root);
  if (kind === 'value' && thresholdsText !== undefined) {
    fail(ctx, 'parameter_bad_value', pairs.get('thresholds'), 'thresholds', 'only scales have thresholds');
  }
  if (thresholdsText !== undefined && thresholdsText !== 'inclusive' && thresholdsText !== 'exclusive') {
    fail(
      ctx,
      'parameter_bad_value',
      pairs.get('thresholds'),
      'thresholds',
      'thresholds is inclusive or exclusive',
    );
  }
  const thresholds: ThresholdRule = (thresholdsText as ThresholdRule | undefined) ?? 'inclusive';

  const valuesPair = pairs.get('values');
  if (!valuesPair) fail(ctx, 'parameter_missing_field', root, 'values', 'a parameter needs dated values');
  if (!isMap(valuesPair.value) || valuesPair.value.items.length === 0) {
    fail(
      ctx,
      'parameter_bad_value',
      valuesPair,
      'values',
      'values is a map of start dates YYYY-MM-DD to values',
    );
  }
  const seenDates = new Set<string>();
  const dated: DatedValue<ScalarValue | Scale>[] = [];
  for (const item of valuesPair.value.items) {
    const entry = item as Pair;
    const keyNode = entry.key as Node;
    const date = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const line = lineOf(ctx, keyNode);
    if (!isIsoDate(date)) throw new SamakiError('parameter_bad_date', { file: ctx.file, line, key: date });
    if (seenDates.has(date))
      throw new SamakiError('parameter_duplicate_date', { file: ctx.file, line, key: date });
    seenDates.add(date);
    if (!isMap(entry.value)) {
      fail(ctx, 'parameter_bad_value', entry, date, 'each date maps to { value: ..., reference: "..." }');
    }
    const entryMap = entry.value;
    const fields = keysOf(ctx, entryMap, kind === 'value' ? VALUE_KEYS : SCALE_VALUE_KEYS);
    const reference = scalarOf(fields.get('reference'));
    if (typeof reference !== 'string' || reference.trim() === '') {
      throw new SamakiError('parameter_missing_reference', { file: ctx.file, line, key: date });
    }
    const confidenceText = scalarOf(fields.get('confidence'));
    if (confidenceText !== undefined && !CONFIDENCES.includes(confidenceText as Confidence)) {
      fail(
        ctx,
        'parameter_bad_value',
        fields.get('confidence'),
        'confidence',
        `confidence is one of ${CONFIDENCES.join(', ')}`,
      );
    }
    const note = stringField(ctx, fields, 'note', false, entryMap);
    const value =
      kind === 'value'
        ? parseScalar(ctx, fields.get('value'), date, entryMap)
        : parseScale(ctx, fields.get('brackets'), date, entryMap, kind, thresholds);
    dated.push({
      start: date,
      value,
      reference,
      confidence: (confidenceText as Confidence | undefined) ?? 'confirmed',
      line,
      ...(note ? { note } : {}),
    });
  }
  dated.sort((a, b) => (a.start < b.start ? -1 : 1));
  if (kind === 'value') {
    const types = new Set(dated.map((d) => typeof d.value));
    if (types.size > 1)
      fail(ctx, 'parameter_bad_value', valuesPair, 'values', 'every dated value must have the same type');
  }
  const base = { name, file: ctx.file, description, ...(label ? { label } : {}), ...(unit ? { unit } : {}) };
  return kind === 'value'
    ? { ...base, kind, values: dated as DatedValue<ScalarValue>[] }
    : { ...base, kind, thresholds, values: dated as DatedValue<Scale>[] };
}

function parseScalar(ctx: Ctx, pair: Pair | undefined, date: string, at: Node): ScalarValue {
  if (!pair) fail(ctx, 'parameter_missing_field', at, 'value', `the entry for ${date} needs a value`);
  const v = scalarOf(pair);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  return fail(
    ctx,
    'parameter_bad_value',
    pair.value as Node,
    date,
    'a value is a finite number, true/false, or text',
  );
}

function parseScale(
  ctx: Ctx,
  pair: Pair | undefined,
  date: string,
  at: Node,
  kind: ParameterKind,
  thresholds: ThresholdRule,
): Scale {
  if (!pair)
    fail(ctx, 'parameter_missing_field', at, 'brackets', `the scale entry for ${date} needs brackets`);
  if (!isSeq(pair.value) || pair.value.items.length === 0) {
    fail(
      ctx,
      'parameter_bad_value',
      pair,
      date,
      'brackets is a list of { threshold, amount } or { threshold, rate }',
    );
  }
  const field = kind === 'single_amount_scale' ? 'amount' : 'rate';
  const brackets: Bracket[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const item of pair.value.items) {
    if (!isMap(item)) fail(ctx, 'parameter_bad_value', item as Node, date, 'each bracket is a map');
    const fields = keysOf(
      ctx,
      item,
      kind === 'single_amount_scale' ? BRACKET_KEYS_AMOUNT : BRACKET_KEYS_RATE,
    );
    const threshold = scalarOf(fields.get('threshold'));
    const amount = scalarOf(fields.get(field));
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      fail(ctx, 'parameter_bad_value', item, date, 'each bracket needs a numeric threshold');
    }
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      fail(ctx, 'parameter_bad_value', item, date, `each bracket needs a numeric ${field}`);
    }
    if (threshold <= previous) {
      fail(ctx, 'parameter_bad_value', item, date, 'bracket thresholds must increase strictly');
    }
    previous = threshold;
    brackets.push(field === 'amount' ? { threshold, amount } : { threshold, rate: amount });
  }
  return { kind: kind as Scale['kind'], thresholds, brackets };
}
