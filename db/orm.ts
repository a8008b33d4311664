// Opens the database for the API and the worker: connects, then applies pending migrations.
// Callers keep the returned orm and fork an EntityManager per unit of work (orm.em.fork()).
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig } from './config.ts';

/** Key of the session-level advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = "hashtext('sigap.migrations')";

/** The subset of a node-postgres pooled client used here (@types/pg is not installed). */
interface PooledClient {
  query(sql: string): Promise<unknown>;
  release(err?: Error | boolean): void;
}

export interface OpenDatabaseOptions {
  /** Told the names of the migrations applied by this call. */
  onMigrated?: (names: string[]) => void;
}

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock on a dedicated connection, so
 * an API and a worker starting together neither race nor both create the migrations table: the
 * second waits, then finds nothing pending. The lock dies with the session if the process does.
 */
async function migrate(orm: MikroORM, options: OpenDatabaseOptions): Promise<void> {
  const pool = (await orm.driver.getConnection().getNativeClient()) as { connect(): Promise<PooledClient> };
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      const applied = await orm.migrator.up();
      if (applied.length > 0) options.onMigrated?.(applied.map((m) => m.name));
    } finally {
      await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch((err: Error) => {
        broken = err; // do not return a connection that may still hold the lock
      });
    }
  } finally {
    client.release(broken ?? false);
  }
}

export async function openDatabase(databaseUrl: string, options: OpenDatabaseOptions = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(createOrmConfig(databaseUrl));
  try {
    await migrate(orm, options);
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  return orm;
}

export async function closeDatabase(orm: MikroORM): Promise<void> {
  await orm.close(true);
}
