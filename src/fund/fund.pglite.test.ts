import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open-database.js';
import { runFundContract } from './fund.contract.js';

runFundContract('PGlite', () =>
  openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-fund-')), 'pglite') }),
);
