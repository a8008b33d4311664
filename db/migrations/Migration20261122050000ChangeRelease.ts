// Shared by change and release management: when a service was handed over (dpr Pasal 15–17: for 3
// months after the Berita Acara Serah Terima, work on it is maintenance, not a change), and the
// findings processes record for the evaluation (a missing or negative retrospective approval of an
// emergency change, a rollback closed by hand …).
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050000ChangeRelease extends Migration {
  override up(): void {
    this.addSql('alter table service add column handed_over_at timestamptz');
    this.addSql(`create table finding (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      dedupe_key text not null unique,
      case_id uuid references sigap_case (id),
      case_number text,
      process text not null,
      kind text not null,
      severity text not null check (severity in ('low', 'medium', 'high')),
      summary jsonb not null,
      detail jsonb not null default '{}',
      recorded_at timestamptz not null
    )`);
    this.addSql('create index finding_tenant_recorded_idx on finding (tenant_id, recorded_at desc)');
  }

  override down(): void {
    this.addSql('drop table if exists finding');
    this.addSql('alter table service drop column if exists handed_over_at');
  }
}
