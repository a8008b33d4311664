// Change management (spec §4): the standard-change catalogue (pre-approved changes, serang Tabel 4.4
// «Rutin … dengan instruksi baku»), blackout periods in which no change may run, and the windows
// reserved by approved, standard and emergency changes (refused when they overlap another change on a
// shared service; the check and the insert run under a per-tenant advisory lock).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051000Changes extends Migration {
  override up(): void {
    this.addSql(`create table standard_change (
      tenant_id text not null references tenant (id),
      code text not null check (code ~ '^[A-Z0-9-]+$'),
      title jsonb not null,
      description text not null,
      services text[] not null default '{}',
      procedure text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, code)
    )`);
    this.addSql(`create table change_blackout (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      service_code text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )`);
    this.addSql('create index change_blackout_tenant_idx on change_blackout (tenant_id, starts_at)');
    this.addSql(`create table change_window (
      case_id uuid primary key references sigap_case (id),
      tenant_id text not null references tenant (id),
      case_number text not null,
      services text[] not null,
      during tstzrange not null,
      reserved_at timestamptz not null default now()
    )`);
    this.addSql('create index change_window_tenant_idx on change_window (tenant_id)');
    this.addSql('create index change_window_during_idx on change_window using gist (during)');
  }

  override down(): void {
    this.addSql('drop table if exists change_window');
    this.addSql('drop table if exists change_blackout');
    this.addSql('drop table if exists standard_change');
  }
}
