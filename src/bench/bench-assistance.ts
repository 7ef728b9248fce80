/**
 * @module bench/bench-assistance
 * `samaki bench assistance --from DIR`: a full re-scoring of every household of a synthetic
 * Cambodia by the law's IDPoor scoring (columnar backend, as `samaki assistance targeting-report`
 * runs it), beside two limits in the same run: a hand-written loop of the same points and
 * cut-offs over the same columns, and DuckDB scoring the Parquet file with a hand-written SQL
 * expression. The three must class every household alike (the benchmark fails otherwise). Reading
 * the questionnaire is not timed; each variant's time is the median of `runs` warm runs.
 *
 * The national payment cycle of the assistance programmes is not built yet, so this benchmark
 * covers the re-scoring half of the benchmark.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readQuestionnaire, scoreHouseholds } from '../assistance/targeting-report.js';
import { lawNumber } from '../fund/law-value.js';

export interface BenchAssistanceResult {
  households: number;
  runs: number;
  law_seconds: number;
  hand_seconds: number;
  duckdb_seconds: number;
  households_per_second: { law: number; hand: number; duckdb: number };
  ratio_law_vs_hand: number;
  ratio_law_vs_duckdb: number;
  classes: { poor1: number; poor2: number };
  read_seconds: number;
  peak_rss_mib: number;
}

const PERIOD = '2024-05';

export async function benchAssistance(options: {
  from: string;
  runs?: number;
  onProgress?: (m: string) => void;
}): Promise<BenchAssistanceResult> {
  const runs = options.runs ?? 5;
  const progress = options.onProgress ?? (() => {});
  progress('reading the households’ questionnaire (not timed)');
  let t = performance.now();
  const q = await readQuestionnaire(options.from, PERIOD);
  const readSeconds = (performance.now() - t) / 1000;
  const n = q.count;

  const v = (name: string) => lawNumber(`social_assistance.idpoor.${name}`, `${PERIOD}-01`).value;
  const pts = {
    roof: v('points.roof_thatch'),
    walls: v('points.walls_thatch'),
    noLand: v('points.no_rice_land'),
    littleLand: v('points.little_rice_land'),
    noAssets: v('points.no_valuable_assets'),
    noLivestock: v('points.no_livestock'),
    lowIncome: v('points.low_income'),
    dependency: v('points.high_dependency'),
  };
  const littleLand = v('little_land_ha');
  const ratio = v('dependency_ratio');
  const line = v('poverty_line_per_day');
  const cut1 = v('cut_off_poor_1');
  const cut2 = v('cut_off_poor_2');
  const c = q.columns;
  const hand = new Float64Array(n);
  const handWritten = () => {
    for (let i = 0; i < n; i++) {
      const land = c.agricultural_land_ha[i]!;
      const score =
        (c.roof_is_thatch[i] ? pts.roof : 0) +
        (c.walls_are_thatch[i] ? pts.walls : 0) +
        (land > 0 ? (land < littleLand ? pts.littleLand : 0) : pts.noLand) +
        (c.has_valuable_assets[i] ? 0 : pts.noAssets) +
        (c.has_livestock[i] ? 0 : pts.noLivestock) +
        (c.income_per_person_per_day[i]! < line ? pts.lowIncome : 0) +
        (c.household_dependants[i]! > c.household_working_age[i]! * ratio ? pts.dependency : 0);
      hand[i] = score >= cut1 ? 1 : score >= cut2 ? 2 : 0;
    }
  };

  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '4GB' });
  const connection = await instance.connect();
  const file = join(options.from, 'households.parquet').replaceAll("'", "''");
  await connection.run(`CREATE TABLE q AS SELECT household_id, roof = 0 AS roof, wall = 0 AS wall,
      land_tenths_ha / 10.0 AS land, (motorbike + television + refrigerator + car) > 0 AS assets,
      (cattle + pigs) > 0 AS livestock, dependency_x100 AS dep FROM read_parquet('${file}')`);
  const sqlScore = `(CASE WHEN roof THEN ${pts.roof} ELSE 0 END + CASE WHEN wall THEN ${pts.walls} ELSE 0 END
      + CASE WHEN land > 0 THEN (CASE WHEN land < ${littleLand} THEN ${pts.littleLand} ELSE 0 END) ELSE ${pts.noLand} END
      + CASE WHEN assets THEN 0 ELSE ${pts.noAssets} END + CASE WHEN livestock THEN 0 ELSE ${pts.noLivestock} END
      + CASE WHEN ${line} < ${line} THEN ${pts.lowIncome} ELSE 0 END
      + CASE WHEN dep > 100 * ${ratio} THEN ${pts.dependency} ELSE 0 END)`;
  const duck = async () =>
    (
      await connection.runAndReadAll(`SELECT count(*) FILTER (WHERE s >= ${cut1}),
          count(*) FILTER (WHERE s >= ${cut2} AND s < ${cut1}) FROM (SELECT ${sqlScore} AS s FROM q)`)
    )
      .getRows()[0]!
      .map(Number);

  const times = { law: [] as number[], hand: [] as number[], duckdb: [] as number[] };
  let law = scoreHouseholds(q, PERIOD);
  handWritten();
  let duckCounts = await duck();
  for (let r = 0; r < runs; r++) {
    progress(`round ${r + 1} of ${runs}`);
    t = performance.now();
    law = scoreHouseholds(q, PERIOD);
    times.law.push((performance.now() - t) / 1000);
    t = performance.now();
    handWritten();
    times.hand.push((performance.now() - t) / 1000);
    t = performance.now();
    duckCounts = await duck();
    times.duckdb.push((performance.now() - t) / 1000);
  }
  connection.closeSync();
  instance.closeSync();

  let poor1 = 0;
  let poor2 = 0;
  for (let i = 0; i < n; i++) {
    if (law[i] !== hand[i])
      throw new Error(
        `bench assistance: household ${i + 1}: the law classes ${law[i]}, the hand-written loop ${hand[i]}`,
      );
    if (law[i] === 1) poor1++;
    else if (law[i] === 2) poor2++;
  }
  if (duckCounts[0] !== poor1 || duckCounts[1] !== poor2)
    throw new Error(`bench assistance: DuckDB counts ${duckCounts} differ from the law's ${poor1}, ${poor2}`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const law_seconds = median(times.law);
  const hand_seconds = median(times.hand);
  const duckdb_seconds = median(times.duckdb);
  return {
    households: n,
    runs,
    law_seconds,
    hand_seconds,
    duckdb_seconds,
    households_per_second: {
      law: Math.round(n / law_seconds),
      hand: Math.round(n / hand_seconds),
      duckdb: Math.round(n / duckdb_seconds),
    },
    ratio_law_vs_hand: hand_seconds / law_seconds,
    ratio_law_vs_duckdb: duckdb_seconds / law_seconds,
    classes: { poor1, poor2 },
    read_seconds: readSeconds,
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function formatAssistanceBench(r: BenchAssistanceResult): string {
  const s = (x: number) => `${x.toFixed(3)} s`;
  return [
    `Assistance benchmark: re-scoring ${r.households.toLocaleString('en')} households (median of ${r.runs} warm runs; reading ${r.read_seconds.toFixed(1)} s, not timed)`,
    `  law, columnar backend (1 thread)     ${s(r.law_seconds).padStart(10)} ${r.households_per_second.law.toLocaleString('en').padStart(14)} households/s`,
    `  hand-written loop (1 thread)         ${s(r.hand_seconds).padStart(10)} ${r.households_per_second.hand.toLocaleString('en').padStart(14)} households/s`,
    `  DuckDB, hand-written SQL (2 threads) ${s(r.duckdb_seconds).padStart(10)} ${r.households_per_second.duckdb.toLocaleString('en').padStart(14)} households/s`,
    `  law / hand-written: ${r.ratio_law_vs_hand.toFixed(2)}x the rate; law / DuckDB: ${r.ratio_law_vs_duckdb.toFixed(2)}x`,
    `  classes (all three agree): ${r.classes.poor1.toLocaleString('en')} Poor 1, ${r.classes.poor2.toLocaleString('en')} Poor 2`,
    `  peak RSS: ${r.peak_rss_mib.toLocaleString('en')} MiB`,
  ].join('\n');
}
