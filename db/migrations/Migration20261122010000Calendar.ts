// Business calendars: per tenant the time zone, the working week and the holiday table
// (national holidays, cuti bersama, agency days). `version` rises with every change, so running
// cases can tell a newer calendar from an older one.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122010000Calendar extends Migration {
  override up(): void {
    // A tenant may override parts of its regulation profile (validated by the profile schema).
    this.addSql(`alter table tenant add column profile_overrides jsonb not null default '{}'::jsonb`);
    this.addSql(`create table tenant_calendar (
      tenant_id text primary key references tenant (id),
      timezone text not null check (timezone in ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
      week jsonb not null,
      version integer not null default 1 check (version >= 1),
      updated_by text not null default 'system',
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create table holiday (
      tenant_id text not null references tenant (id),
      date date not null,
      kind text not null check (kind in ('national', 'cuti_bersama', 'agency')),
      name text not null,
      source text,
      primary key (tenant_id, date)
    )`);
    // Which years' national holidays were seeded, so an administrator's deletion is not undone at the next start.
    this.addSql(`create table holiday_seed (
      tenant_id text not null references tenant (id),
      year integer not null,
      seeded_at timestamptz not null default now(),
      primary key (tenant_id, year)
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists holiday_seed');
    this.addSql('drop table if exists holiday');
    this.addSql('drop table if exists tenant_calendar');
    this.addSql('alter table tenant drop column if exists profile_overrides');
  }
}
