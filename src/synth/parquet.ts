/**
 * @module synth/parquet
 * Columnar files for simulation: Parquet written by DuckDB (built in, no extension to download;
 * STACK.md gotcha 14), one column per variable, streamed straight from the typed arrays.
 *
 * How the rows reach DuckDB was measured at 17 million rows × 16 integer columns on the 2-core
 * machine (ARCHITECTURE.md):
 * - appender (`appendDataChunk`) into a table, then `COPY table TO 'x.parquet'`: 14.9–18.3 s;
 * - a temporary CSV written from Node, then `COPY (SELECT * FROM read_csv(...)) TO ...`: 20.4 s
 *   (12.8 s of it writing the 1.06 GB CSV);
 * - a table function that fills DuckDB's vectors from the typed arrays, read by
 *   `COPY (SELECT * FROM fn()) TO 'x.parquet'`: 5.2 s, and 1.2 GB peak memory instead of 3.3 GB.
 * The table function is kept: the rows never pass through a table or text.
 */
import {
  DOUBLE,
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBTableFunction,
  type DuckDBType,
  INTEGER,
  SMALLINT,
  TINYINT,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';

export type ColumnType = 'TINYINT' | 'UTINYINT' | 'SMALLINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR';

export type ParquetColumn = {
  name: string;
  type: ColumnType;
  description: string;
  /**
   * SQL that turns the streamed value (named after the column) into the stored one, e.g.
   * `DATE '1970-01-01' + birth_date` to store a day number as a DATE.
   */
  select?: string;
  /** The stored type when `select` changes it (for the manifest). */
  storedType?: string;
} & (
  | {
      /** Values by row; `none` (when given) is written as NULL. */
      values: ArrayLike<number>;
      none?: number;
    }
  | {
      /** A computed value by row (NULL when null). */
      get: (row: number) => number | string | null;
    }
);

const TYPES: Record<ColumnType, DuckDBType> = { TINYINT, UTINYINT, SMALLINT, INTEGER, DOUBLE, VARCHAR };

const CHUNK = 2048;
let functionCounter = 0;

/** Writes `rows` rows of the columns to a Parquet file. */
export async function writeParquet(
  connection: DuckDBConnection,
  path: string,
  rows: number,
  columns: readonly ParquetColumn[],
): Promise<void> {
  const name = `samaki_synth_scan_${++functionCounter}`;
  let offset = 0;
  const fn = DuckDBTableFunction.create({
    name,
    bindFunction: (bind) => {
      for (const c of columns) bind.addResultColumn(c.name, TYPES[c.type]);
      bind.setCardinality(rows, true);
    },
    initFunction: (init) => {
      // One scanning thread keeps the rows in order.
      init.setMaxThreads(1);
    },
    mainFunction: (_info, out: DuckDBDataChunk) => {
      const n = Math.min(CHUNK, rows - offset);
      out.rowCount = n;
      if (n <= 0) return;
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const vector = out.getColumnVector(c) as unknown as {
          setItem(i: number, v: number | string | null): void;
          flush(): void;
        };
        if ('values' in column) {
          const values = column.values;
          const none = column.none;
          if (none === undefined) for (let i = 0; i < n; i++) vector.setItem(i, values[offset + i]!);
          else
            for (let i = 0; i < n; i++) {
              const v = values[offset + i]!;
              vector.setItem(i, v === none ? null : v);
            }
        } else {
          for (let i = 0; i < n; i++) vector.setItem(i, column.get(offset + i));
        }
        vector.flush();
      }
      offset += n;
    },
  });
  connection.registerTableFunction(fn);
  const quoted = path.replaceAll("'", "''");
  const projection = columns.map((c) => (c.select ? `${c.select} AS "${c.name}"` : `"${c.name}"`)).join(', ');
  await connection.run(
    `COPY (SELECT ${projection} FROM ${name}()) TO '${quoted}' (FORMAT parquet, COMPRESSION zstd)`,
  );
}
