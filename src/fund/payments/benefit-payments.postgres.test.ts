import { openDatabase } from '../../db/open-database.js';
import { describeWithPostgres } from '../../db/test-support/test-postgres.js';
import { runBenefitPaymentsContract } from './benefit-payments.contract.js';

describeWithPostgres('PostgreSQL server', (url) => {
  runBenefitPaymentsContract('PostgreSQL', () => openDatabase({ url: url() }));
});
