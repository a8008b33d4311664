// Every migration in order. Listed explicitly (no folder glob), so bundled or compiled builds
// run the same list; names are fixed strings so renaming a class cannot re-run a migration.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Initial } from './Migration20261122000000Initial.ts';
import { Migration20261122010000Calendar } from './Migration20261122010000Calendar.ts';
import { Migration20261122020000Services } from './Migration20261122020000Services.ts';
import { Migration20261122030000Alerts } from './Migration20261122030000Alerts.ts';
import { Migration20261122040000Problems } from './Migration20261122040000Problems.ts';
import { Migration20261122050000ChangeRelease } from './Migration20261122050000ChangeRelease.ts';
import { Migration20261122051000Changes } from './Migration20261122051000Changes.ts';
import { Migration20261122060000Continuity } from './Migration20261122060000Continuity.ts';
import { Migration20261122070000Evaluation } from './Migration20261122070000Evaluation.ts';
import { Migration20261122071000EvaluationIndexes } from './Migration20261122071000EvaluationIndexes.ts';
import { Migration20261122080000Webhooks } from './Migration20261122080000Webhooks.ts';
import { Migration20261122090000Identity } from './Migration20261122090000Identity.ts';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000Initial', class: Migration20261122000000Initial },
  { name: 'Migration20261122010000Calendar', class: Migration20261122010000Calendar },
  { name: 'Migration20261122020000Services', class: Migration20261122020000Services },
  { name: 'Migration20261122030000Alerts', class: Migration20261122030000Alerts },
  { name: 'Migration20261122040000Problems', class: Migration20261122040000Problems },
  { name: 'Migration20261122050000ChangeRelease', class: Migration20261122050000ChangeRelease },
  { name: 'Migration20261122051000Changes', class: Migration20261122051000Changes },
  { name: 'Migration20261122060000Continuity', class: Migration20261122060000Continuity },
  { name: 'Migration20261122070000Evaluation', class: Migration20261122070000Evaluation },
  { name: 'Migration20261122071000EvaluationIndexes', class: Migration20261122071000EvaluationIndexes },
  { name: 'Migration20261122080000Webhooks', class: Migration20261122080000Webhooks },
  { name: 'Migration20261122090000Identity', class: Migration20261122090000Identity },
];
