import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open-database.js';
import { runMergerContract } from './merger.contract.js';

runMergerContract('PGlite', () =>
  openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-merger-')), 'pglite') }),
);
