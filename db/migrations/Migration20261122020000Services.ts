// The services an agency runs (the affected service of an incident): nature, application basis
// and user scope give the classification (serang Tabel 4.1), which with the impact gives the
// incident priority (Tabel 4.4). Configuration items are what incidents point at.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122020000Services extends Migration {
  override up(): void {
    this.addSql(`create table service (
      tenant_id text not null references tenant (id),
      code text not null,
      name jsonb not null,
      nature text not null check (nature in ('publik', 'administrasi')),
      basis text check (basis in ('umum', 'khusus')),
      scope text check (scope in ('nasional', 'regional', 'instansi')),
      classification text not null check (classification in ('kritis', 'esensial', 'normal')),
      classification_source text not null,
      provider text,
      configuration_items text[] not null default '{}',
      availability_target text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, code)
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists service');
  }
}
