// Semester evaluation and the regulated reports (spec §7; serang BAB IV E, Formulir I; dpr Pasal 22–24):
// - improvement_action: the follow-up actions («tindak lanjut penyempurnaan», serang E.2.3 c) of a
//   published evaluation, and dpr's continuous-improvement register («daftar register Perbaikan
//   Berkelanjutan yang memuat rekomendasi perbaikan», Pasal 23) in one table. The next evaluation
//   shows each as done or not. Rows are never deleted: an action is completed or dropped, with who
//   and why.
// - report_template: an agency's own report templates (letterhead, signature block, a whole
//   formulir) per tenant, versioned. At most one active version per (tenant, template, language);
//   a new version becomes active only after it compiled and rendered with the report's data, so a
//   broken template never replaces a working one.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122070000Evaluation extends Migration {
  override up(): void {
    this.addSql(`create table improvement_action (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      number text not null,
      origin text not null check (origin in ('evaluation', 'register')),
      evaluation_case_id uuid references sigap_case (id),
      chapter text,
      item_index integer,
      description text not null check (length(description) > 0),
      method text,
      recommendation_kind text,
      owner_role text,
      due_on date,
      status text not null default 'open' check (status in ('open', 'done', 'dropped')),
      resolution text,
      resolved_by text,
      resolved_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      constraint improvement_action_tenant_number_unique unique (tenant_id, number),
      constraint improvement_action_resolution check ((status = 'open') = (resolved_at is null))
    )`);
    // One row per follow-up item of a published evaluation, however often the publishing activity runs.
    this.addSql(`create unique index improvement_action_evaluation_item_idx on improvement_action (evaluation_case_id, chapter, item_index)
      where evaluation_case_id is not null`);
    this.addSql('create index improvement_action_tenant_status_idx on improvement_action (tenant_id, status, due_on)');

    this.addSql(`create table report_template (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      template text not null,
      lang text not null check (lang in ('id', 'en')),
      version integer not null check (version >= 1),
      body text not null,
      sha256 text not null,
      active boolean not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      constraint report_template_version_unique unique (tenant_id, template, lang, version)
    )`);
    this.addSql(`create unique index report_template_one_active_idx on report_template (tenant_id, template, lang) where active`);
  }

  override down(): void {
    this.addSql('drop table if exists report_template');
    this.addSql('drop table if exists improvement_action');
  }
}
