import { localPostgres, postgresMissing, type LocalPostgres } from '../../../src/historian/localPostgres';

// The real local PostgreSQL for the historian tests: started on loopback when installed (as .ci/run
// installs it), with role `tanktwin` and database `tanktwin_test`. Only a machine without PostgreSQL at
// all skips, and says so; anything else that goes wrong fails the tests with the command's output.

export const PG_DATABASE = 'tanktwin_test';
export const pgMissing = postgresMissing();
if (pgMissing) console.warn(`historian PostgreSQL tests skipped: ${pgMissing}`);

let ready: Promise<LocalPostgres> | null = null;

/** The running cluster with the test database made. */
export function testPostgres(): Promise<LocalPostgres> {
  ready ??= localPostgres().then(async (pg) => {
    await pg.database(PG_DATABASE);
    return pg;
  });
  return ready;
}

/** A schema name of its own for one test, so tests never see each other's rows. */
export const freshSchema = (label: string) => `t_${label}_${Math.random().toString(36).slice(2, 8)}`;
