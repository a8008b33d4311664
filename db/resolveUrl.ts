// Where the database is: DATABASE_URL, or the embedded PostgreSQL that `./sigap start` runs.
import type { Config } from '../config/index.ts';

export const EMBEDDED_PG_USER = 'sigap';
export const EMBEDDED_PG_PASSWORD = 'sigap';
export const EMBEDDED_PG_DATABASE = 'sigap';

export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_PG_DATABASE}`;
}

export async function resolveDatabaseUrl(config: Config): Promise<string> {
  return config.DATABASE_URL ?? embeddedDatabaseUrl(config.SIGAP_PG_PORT);
}
