// problem management and the known-error database (KEDB).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040000Problems extends Migration {
  override up(): void {
    // Filled in by the work on this feature.
  }

  override down(): void {
    // Filled in by the work on this feature.
  }
}
