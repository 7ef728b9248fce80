/**
 * @module law/backends-equivalence.test
 * Property-based proof that the three backends agree on Cambodia's law: for random populations
 * (persons, households, employers, memberships, missing inputs) and months on both sides of every
 * change date, every variable with a formula has the same value in explain, in the compiled
 * columnar loops (one thread and all cores) and in SQL run by PGlite (PostgreSQL) and DuckDB.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../kernel/period.js';
import { allocateWorkspace, compileColumnar, runColumnar } from '../rules/backends/columnar.js';
import { type ColumnarPool, createColumnarPool } from '../rules/backends/columnar-pool.js';
import { createEvaluator, providedInputs } from '../rules/backends/explain.js';
import { sqlNumber, sqlQueries } from '../rules/backends/sql.js';
import type { Entity, Value } from '../rules/expr/expr.js';
import { instancesOf, parseSituation, type Situation } from '../rules/situation/situation.js';
import { columnValue, situationToPopulation } from '../rules/situation/to-population.js';
import { cambodiaLaw } from './law.js';

const law = cambodiaLaw();
const TARGETS = [...law.variables.values()].filter((v) => !v.isInput).map((v) => v.name);
const MONTHS = [
  '2008-05',
  '2008-06',
  '2016-03',
  '2016-04',
  '2017-12',
  '2018-01',
  '2018-10',
  '2018-11',
  '2022-09',
  '2022-10',
  '2023-03',
  '2023-04',
  '2024-05',
  '2027-09',
  '2027-10',
  '2032-10',
  '2062-10',
];
const BOUNDARY_WAGES = [
  0, 1, 150000, 200000, 200000.5, 200001, 400000, 425000, 1000000, 1000001, 1200000, 1200001, 3e6,
];

const wageArb = fc.oneof(
  fc.constantFrom(...BOUNDARY_WAGES),
  fc.integer({ min: 0, max: 4_000_000 }),
  fc.double({ min: 0, max: 4_000_000, noNaN: true, noDefaultInfinity: true }),
);
const personArb = fc.record(
  {
    wage: wageArb,
    wage_usd: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 100000 }).map((c) => c / 100),
    ),
    exchange_rate: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 3900, max: 4200 }),
      fc.double({ min: 3900, max: 4200, noNaN: true }),
    ),
    is_nssf_self_employed_member: fc.boolean(),
    age: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: [] },
);
const situationArb = fc
  .record({
    persons: fc.array(personArb, { minLength: 1, maxLength: 10 }),
    households: fc.array(fc.record({ area: fc.constantFrom('urban', 'rural') }, { requiredKeys: [] }), {
      maxLength: 4,
    }),
    employers: fc.integer({ min: 0, max: 3 }),
    links: fc.array(fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 2 })), {
      minLength: 10,
      maxLength: 10,
    }),
    month: fc.constantFrom(...MONTHS),
  })
  .map(({ persons, households, employers, links, month }) => {
    const personKeys = persons.map((_, i) => `p${i}`);
    const members = (count: number, pick: (i: number) => number) =>
      Array.from({ length: count }, (_, g) => personKeys.filter((_, i) => pick(i) === g));
    const hh = members(households.length, (i) => links[i]![0]);
    const em = members(employers, (i) => links[i]![1]);
    return {
      month,
      json: {
        persons: Object.fromEntries(persons.map((p, i) => [personKeys[i], p])),
        households: Object.fromEntries(households.map((h, g) => [`h${g}`, { ...h, members: hh[g] }])),
        employers: Object.fromEntries(
          Array.from({ length: employers }, (_, g) => [`e${g}`, { members: em[g] }]),
        ),
      },
    };
  });

type Values = Map<string, Value>; // `${variable}#${index}` -> value

function explainValues(situation: Situation, month: string): Values {
  const plan = law.plan(parsePeriod(month), TARGETS, providedInputs(situation));
  const ev = createEvaluator(plan, situation);
  const out: Values = new Map();
  for (const t of TARGETS) {
    const v = law.variable(t);
    instancesOf(situation, v.entity).keys.forEach((_, i) => {
      out.set(`${t}#${i}`, ev.value(v, i));
    });
  }
  return out;
}

function columnarValues(situation: Situation, columns: Record<string, ArrayLike<number>>): Values {
  const out: Values = new Map();
  for (const t of TARGETS) {
    const v = law.variable(t);
    const col = columns[t] as never;
    instancesOf(situation, v.entity).keys.forEach((_, i) => {
      out.set(`${t}#${i}`, columnValue(law, t, col, i));
    });
  }
  return out;
}

/** Creates the input tables (absent inputs stay NULL) and returns rows of each entity's query. */
function sqlStatements(
  situation: Situation,
  month: string,
): { setup: string[]; queries: Partial<Record<Entity, string>> } {
  const num = (x: Value | undefined) =>
    x === undefined
      ? 'NULL'
      : typeof x === 'boolean'
        ? String(x).toUpperCase()
        : typeof x === 'string'
          ? `'${x}'`
          : sqlNumber(x);
  const p = situation.persons;
  const col = (e: typeof p, name: string, i: number) => num(e.inputs.get(name)?.[i]);
  const personRows = p.keys.map(
    (_, i) =>
      `(${i}, ${situation.membership.household[i]! >= 0 ? situation.membership.household[i] : 'NULL'}, ${situation.membership.employer[i]! >= 0 ? situation.membership.employer[i] : 'NULL'}, ${col(p, 'wage', i)}, ${col(p, 'wage_usd', i)}, ${col(p, 'exchange_rate', i)}, ${col(p, 'is_nssf_self_employed_member', i)}, ${col(p, 'age', i)})`,
  );
  const h = situation.households;
  const setup = [
    'DROP TABLE IF EXISTS persons',
    'DROP TABLE IF EXISTS households',
    'DROP TABLE IF EXISTS employers',
    'CREATE TABLE persons (id INTEGER, household_id INTEGER, employer_id INTEGER, wage DOUBLE PRECISION, wage_usd DOUBLE PRECISION, exchange_rate DOUBLE PRECISION, is_nssf_self_employed_member BOOLEAN, age DOUBLE PRECISION)',
    'CREATE TABLE households (id INTEGER, area TEXT)',
    'CREATE TABLE employers (id INTEGER)',
    `INSERT INTO persons VALUES ${personRows.join(', ')}`,
    ...(h.keys.length
      ? [`INSERT INTO households VALUES ${h.keys.map((_, i) => `(${i}, ${col(h, 'area', i)})`).join(', ')}`]
      : []),
    ...(situation.employers.keys.length
      ? [`INSERT INTO employers VALUES ${situation.employers.keys.map((_, i) => `(${i})`).join(', ')}`]
      : []),
  ];
  const inputs = ['wage', 'wage_usd', 'exchange_rate', 'is_nssf_self_employed_member', 'age', 'area'];
  const queries = sqlQueries(law, parsePeriod(month), TARGETS, inputs, {
    persons: 'persons',
    households: 'households',
    employers: 'employers',
  });
  return { setup, queries };
}

function sqlValues(rowsByEntity: Partial<Record<Entity, Record<string, unknown>[]>>): Values {
  const out: Values = new Map();
  for (const [, rows] of Object.entries(rowsByEntity)) {
    for (const row of rows ?? []) {
      const id = Number(row.id);
      for (const [k, v] of Object.entries(row))
        if (k !== 'id') out.set(`${k}#${id}`, typeof v === 'bigint' ? Number(v) : (v as Value));
    }
  }
  return out;
}

function expectSame(reference: Values, other: Values, label: string): void {
  for (const [key, want] of reference) {
    const got = other.get(key);
    if (got !== want) throw new Error(`${label}: ${key} is ${String(got)}, explain says ${String(want)}`);
  }
}

let pool: ColumnarPool;
let pglite: PGlite;
let duck: DuckDBConnection;
let duckInstance: DuckDBInstance;

beforeAll(async () => {
  pool = createColumnarPool(2);
  pglite = await PGlite.create();
  duckInstance = await DuckDBInstance.create(':memory:', { threads: '1' });
  duck = await duckInstance.connect();
});
afterAll(async () => {
  await pool.close();
  await pglite.close();
  duck.closeSync();
  duckInstance.closeSync();
});

describe('the three backends agree on every variable of the law', () => {
  it('explain and the compiled columnar loops, on one thread and on two', async () => {
    await fc.assert(
      fc.asyncProperty(situationArb, async ({ month, json }) => {
        const situation = parseSituation(law, json);
        const reference = explainValues(situation, month);
        const provided = providedInputs(situation);
        const compiled = compileColumnar(law, parsePeriod(month), TARGETS, provided);
        const single = runColumnar(compiled, situationToPopulation(law, situation));
        expectSame(reference, columnarValues(situation, single.columns), 'columnar');
        const shared = situationToPopulation(law, situation, true);
        const ws = allocateWorkspace(compiled, shared, true);
        await pool.run(compiled, shared, ws);
        expectSame(reference, columnarValues(situation, ws.columns), 'columnar (2 threads)');
      }),
      { numRuns: 300 },
    );
    // A failure is shrunk by re-running the property many times: leave room for it to finish and
    // print the counterexample instead of a bare timeout.
  }, 600_000);

  it('explain and SQL in PostgreSQL (PGlite) and DuckDB', async () => {
    await fc.assert(
      fc.asyncProperty(situationArb, async ({ month, json }) => {
        const situation = parseSituation(law, json);
        const reference = explainValues(situation, month);
        const { setup, queries } = sqlStatements(situation, month);
        for (const s of setup) await pglite.exec(s);
        const pgRows: Partial<Record<Entity, Record<string, unknown>[]>> = {};
        for (const [entity, q] of Object.entries(queries))
          pgRows[entity as Entity] = (await pglite.query<Record<string, unknown>>(q!)).rows;
        expectSame(reference, sqlValues(pgRows), 'PostgreSQL (PGlite)');
        for (const s of setup) await duck.run(s.replace(/DOUBLE PRECISION/g, 'DOUBLE'));
        const duckRows: Partial<Record<Entity, Record<string, unknown>[]>> = {};
        for (const [entity, q] of Object.entries(queries))
          duckRows[entity as Entity] = (await duck.runAndReadAll(q!)).getRowObjectsJS() as Record<
            string,
            unknown
          >[];
        expectSame(reference, sqlValues(duckRows), 'DuckDB');
      }),
      { numRuns: 60 },
    );
  }, 600_000);

  it('a disagreement would be caught: a changed rate in SQL gives other values', async () => {
    const situation = parseSituation(law, { persons: { a: { wage: 1000000 } } });
    const reference = explainValues(situation, '2024-05');
    const { setup, queries } = sqlStatements(situation, '2024-05');
    for (const s of setup) await pglite.exec(s);
    const tampered = queries.person!.replace(sqlNumber(0.02), sqlNumber(0.021));
    expect(tampered).not.toBe(queries.person);
    const rows = (await pglite.query<Record<string, unknown>>(tampered)).rows;
    expect(() => expectSame(reference, sqlValues({ person: rows }), 'tampered')).toThrow(
      /nssf_pension_contribution/,
    );
  });
});
