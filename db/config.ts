// MikroORM options for Sigap. The schema comes only from the hand-written migrations: no schema
// sync, no snapshot files, no folder globbing, no decorator reflection.
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { entities } from './entities/index.ts';
import { migrationsList } from './migrations/index.ts';

export function createOrmConfig(databaseUrl: string) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList,
      // One transaction for the whole batch: a failed migration leaves nothing half applied.
      transactional: true,
      allOrNothing: true,
      // Snapshots are for generated migrations; ours are hand-written, and nothing is written to disk.
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    // Entities are declared with defineEntity, so the default (reflection-free) metadata provider
    // suffices; no metadata cache files either.
    metadataCache: { enabled: false },
    debug: false,
    colors: false,
  });
}
