import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/open-database.js';
import { runBenefitPaymentsContract } from './benefit-payments.contract.js';

runBenefitPaymentsContract('PGlite', () =>
  openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-pay-')), 'pglite') }),
);
