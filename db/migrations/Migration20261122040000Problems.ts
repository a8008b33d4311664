// problem management and the known-error database (KEDB).
//
// known_error: one record per problem that became a known error (root cause known, workaround
// identified: kemenkeu Lampiran I A.17–18), kept in step with the problem by its workflow. Its
// search_vector is the 'simple' configuration (no stemming: Indonesian and English text, codes)
// over title and symptoms (weight A), cause (B) and workaround (C), punctuation turned into spaces
// as for sigap_case, so "galat-502" and "502" find the same record.
//
// Problems are cases (sigap_case, case_type 'problem'); the periodic review is a case too
// (case_type 'problem_review'). Two indexes serve them: open problems by the pattern they cover
// (data->>'dedupeKey'), and a tenant's cases of one type by report time (the review's aggregates).
import { Migration } from '@mikro-orm/migrations';

const words = (column: string) => `to_tsvector('simple'::regconfig, regexp_replace(coalesce(${column}, ''), '[^[:alnum:]]+', ' ', 'g'))`;

export class Migration20261122040000Problems extends Migration {
  override up(): void {
    this.addSql(`create table known_error (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      number text not null,
      problem_case_id uuid not null references sigap_case (id),
      problem_number text not null,
      title text not null,
      service_code text,
      configuration_items text[] not null default '{}',
      symptoms text not null,
      cause text not null,
      workaround text not null,
      permanent_fix text,
      status text not null check (status in ('workaround', 'change_pending', 'fix_pending', 'fix_applied', 'resolved', 'retired')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (
        setweight(${words('title')}, 'A') || setweight(${words('symptoms')}, 'A') ||
        setweight(${words('cause')}, 'B') || setweight(${words('workaround')}, 'C')
      ) stored,
      constraint known_error_problem_unique unique (problem_case_id),
      constraint known_error_tenant_number_unique unique (tenant_id, number)
    )`);
    this.addSql('create index known_error_search_idx on known_error using gin (search_vector)');
    this.addSql('create index known_error_tenant_service_idx on known_error (tenant_id, service_code)');
    this.addSql('create index known_error_configuration_items_idx on known_error using gin (configuration_items)');

    this.addSql(`create index sigap_case_problem_dedupe_idx on sigap_case (tenant_id, (data->>'dedupeKey'))
      where case_type = 'problem' and closed_at is null`);
    this.addSql('create index sigap_case_tenant_type_created_idx on sigap_case (tenant_id, case_type, created_at)');
  }

  override down(): void {
    this.addSql('drop index if exists sigap_case_tenant_type_created_idx');
    this.addSql('drop index if exists sigap_case_problem_dedupe_idx');
    this.addSql('drop table if exists known_error');
  }
}
