import { openDatabase } from '../db/open-database.js';
import { describeWithPostgres } from '../db/test-support/test-postgres.js';
import { runFundContract } from './fund.contract.js';

describeWithPostgres('PostgreSQL server', (url) => {
  runFundContract('PostgreSQL', () => openDatabase({ url: url() }));
});
