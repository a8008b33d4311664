// What the API's use cases need, created once by the server (or a test) and passed down.
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/index.ts';

export interface ApiDeps {
  config: Config;
  orm: MikroORM;
  temporal: Client;
  /** Injectable clock for the API's own timestamps (submission time). */
  now: () => number;
}
