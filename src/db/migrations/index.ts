/**
 * @module db/migrations
 * Every migration, listed by name. A static list rather than a folder scan, so the same code
 * finds its migrations under vitest (`src/**.ts`) and when compiled (`dist/**.js`). Names sort in
 * the order they run; add a new migration with the next number.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-create-law-tables.js';
import * as m0002 from './0002-create-registry-tables.js';
import * as m0003 from './0003-create-merger-tables.js';
import * as m0004 from './0004-create-fund-tables.js';
import * as m0005 from './0005-create-access-tables.js';
import * as m0006 from './0006-create-claim-tables.js';
import * as m0007 from './0007-create-benefit-payment-tables.js';
import * as m0008 from './0008-create-grievance-tables.js';
import * as m0009 from './0009-create-enrolment-table.js';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001-create-law-tables': m0001,
  '0002-create-registry-tables': m0002,
  '0003-create-merger-tables': m0003,
  '0004-create-fund-tables': m0004,
  '0005-create-access-tables': m0005,
  '0006-create-claim-tables': m0006,
  '0007-create-benefit-payment-tables': m0007,
  '0008-create-grievance-tables': m0008,
  '0009-create-enrolment-table': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
