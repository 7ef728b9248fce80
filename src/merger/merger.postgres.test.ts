import { openDatabase } from '../db/open-database.js';
import { describeWithPostgres } from '../db/test-support/test-postgres.js';
import { runMergerContract } from './merger.contract.js';

describeWithPostgres('PostgreSQL server', (url) => {
  runMergerContract('PostgreSQL', () => openDatabase({ url: url() }));
});
