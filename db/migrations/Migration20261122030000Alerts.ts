// alert intake (Alertmanager and generic JSON): fingerprints of open incidents.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030000Alerts extends Migration {
  override up(): void {
    // Filled in by the work on this feature.
  }

  override down(): void {
    // Filled in by the work on this feature.
  }
}
