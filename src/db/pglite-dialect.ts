/**
 * @module db/pglite-dialect
 * A Kysely dialect for PGlite (PostgreSQL compiled to WebAssembly), the embedded database.
 * PGlite speaks PostgreSQL, so SQL generation, the adapter and introspection are Kysely's own
 * PostgreSQL parts; only the driver is new. No maintained dialect supports PGlite 0.5 without
 * heavy dependencies (see STACK.md, "Kysely on PGlite"), hence this small one.
 *
 * PGlite has exactly one connection. Kysely assumes a pool, so the driver hands out that single
 * connection behind a FIFO lock: a query holds it for one statement, a transaction from BEGIN to
 * COMMIT/ROLLBACK. Without the lock, a query issued elsewhere while a transaction is open would
 * silently run inside that transaction.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export class PGliteDialect implements Dialect {
  readonly #pglite: PGliteInterface;

  /** The dialect takes ownership of `pglite`: destroying the Kysely instance closes it. */
  constructor(pglite: PGliteInterface) {
    this.#pglite = pglite;
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/** A first-come, first-served lock: waiters get the connection in the order they asked. */
class ConnectionLock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGliteInterface;
  readonly #connection: PGliteConnection;
  readonly #lock = new ConnectionLock();

  constructor(pglite: PGliteInterface) {
    this.#pglite = pglite;
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#lock.release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let statement = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      statement = 'start transaction';
      if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) statement += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(statement));
  }

  async commitTransaction(): Promise<void> {
    // PostgreSQL answers COMMIT with a ROLLBACK tag when an earlier statement failed and left
    // the transaction aborted; reporting success there would acknowledge writes that were lost.
    const result = await this.#pglite.query('commit');
    if (result.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointStatement('savepoint', name));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointStatement('rollback to', name));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointStatement('release', name));
  }

  async destroy(): Promise<void> {
    if (!this.#pglite.closed) await this.#pglite.close();
  }
}

/** A savepoint statement; the name is quoted as an identifier so it cannot inject SQL. */
function savepointStatement(command: 'savepoint' | 'rollback to' | 'release', name: string): CompiledQuery {
  return CompiledQuery.raw(`${command} "${name.replaceAll('"', '""')}"`);
}

const ROW_COUNTING_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGliteInterface;

  constructor(pglite: PGliteInterface) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const [first] = compiledQuery.parameters;
    // `COPY … FROM '/dev/blob'` with the data as its only parameter: PGlite takes the data as a
    // Blob option rather than a bind parameter (see db/bulk-insert).
    const result =
      compiledQuery.parameters.length === 1 && first instanceof Blob
        ? await this.#pglite.query<R>(compiledQuery.sql, [], { blob: first })
        : await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const counted = result.command !== undefined && ROW_COUNTING_COMMANDS.has(result.command);
    return {
      rows: result.rows,
      ...(counted ? { numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) } : {}),
    };
  }

  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The PGlite dialect does not stream results; select in pages instead.');
  }
}
