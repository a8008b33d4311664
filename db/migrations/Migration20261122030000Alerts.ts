// alert intake (Alertmanager and generic JSON): fingerprints of open incidents.
// One row per (tenant, source, fingerprint, incident): the incident a monitoring alert opened, how
// often the alert came again while it was open (repeat_count, last_seen) and when it cleared. At
// most one of a fingerprint's rows points at an open incident (sigap_case.closed_at is null): the
// intake takes an advisory lock on the fingerprint and checks before it opens another.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030000Alerts extends Migration {
  override up(): void {
    this.addSql(`create table alert_fingerprint (
      tenant_id text not null references tenant (id),
      source text not null,
      fingerprint text not null,
      case_id uuid not null references sigap_case (id),
      status text not null check (status in ('firing', 'resolved')),
      alert_name text not null,
      starts_at timestamptz,
      last_starts_at timestamptz,
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      repeat_count integer not null default 0 check (repeat_count >= 0),
      resolved_at timestamptz,
      primary key (tenant_id, source, fingerprint, case_id)
    )`);
    this.addSql('create index alert_fingerprint_case_idx on alert_fingerprint (case_id)');
  }

  override down(): void {
    this.addSql('drop table if exists alert_fingerprint');
  }
}
