// The first schema. Hand-written SQL, one statement per addSql (MikroORM runs each on its own).
// Columns holding ids of rows that may not exist yet (a case being created) carry no foreign key.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000000Initial extends Migration {
  override up(): void {
    this.addSql(`create table tenant (
      id text primary key,
      name text not null,
      profile_id text not null,
      timezone text not null,
      created_at timestamptz not null default now()
    )`);

    this.addSql(`create table app_user (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      username text not null,
      name text not null,
      nip text,
      unit text,
      email text,
      roles text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint app_user_tenant_username_unique unique (tenant_id, username)
    )`);

    this.addSql(`create table catalogue_item (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      code text not null,
      name jsonb not null,
      description jsonb not null,
      service_group text not null,
      fulfilment_target_ms bigint not null check (fulfilment_target_ms > 0),
      target_basis text not null check (target_basis in ('calendar', 'working')),
      target_source jsonb not null,
      requires_approval boolean not null default false,
      approver_role text,
      required_documents text[] not null default '{}',
      provider text,
      service_desk text,
      technical_team text,
      access_info text,
      availability_target text,
      help_contact text,
      help_hours text,
      availability text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint catalogue_item_tenant_code_unique unique (tenant_id, code)
    )`);

    // search_vector serves the list filter "text": the words of number and title, 'simple' config
    // (no stemming: Indonesian and English titles, case numbers). Punctuation becomes spaces first,
    // else the parser reads "REQ-2026-000001" as 'req', '-2026', '-000001'; db/search.ts splits
    // the typed text the same way and matches each word by prefix.
    this.addSql(`create table sigap_case (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      case_type text not null,
      number text not null,
      workflow_id text not null,
      service_code text,
      title text not null,
      state text not null,
      priority text,
      requester_id uuid references app_user (id) on delete set null,
      requester_username text not null,
      assignee_username text,
      waiting_for jsonb not null default '[]',
      sla jsonb not null default '[]',
      due_at timestamptz,
      breached boolean not null default false,
      sla_met boolean,
      links jsonb not null default '[]',
      data jsonb not null default '{}',
      last_seq integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      search_vector tsvector generated always as (
        to_tsvector('simple'::regconfig, regexp_replace(number || ' ' || title, '[^[:alnum:]]+', ' ', 'g'))
      ) stored,
      constraint sigap_case_workflow_id_unique unique (workflow_id),
      constraint sigap_case_tenant_number_unique unique (tenant_id, number)
    )`);
    this.addSql('create index sigap_case_tenant_type_state_idx on sigap_case (tenant_id, case_type, state)');
    this.addSql('create index sigap_case_tenant_breached_idx on sigap_case (tenant_id, breached)');
    this.addSql('create index sigap_case_tenant_service_idx on sigap_case (tenant_id, service_code)');
    this.addSql('create index sigap_case_tenant_created_idx on sigap_case (tenant_id, created_at desc)');
    this.addSql('create index sigap_case_tenant_assignee_idx on sigap_case (tenant_id, assignee_username)');
    this.addSql('create index sigap_case_tenant_requester_idx on sigap_case (tenant_id, requester_username)');
    this.addSql('create index sigap_case_search_idx on sigap_case using gin (search_vector)');

    this.addSql(`create table case_event (
      id bigserial primary key,
      case_id uuid not null references sigap_case (id),
      seq integer not null check (seq >= 0), -- event 0 is the submission itself
      at timestamptz not null,
      actor text not null,
      actor_role text,
      action text not null,
      payload jsonb not null default '{}',
      prev_hash text,
      hash text not null,
      constraint case_event_case_seq_unique unique (case_id, seq)
    )`);
    this.addSql(`create function case_event_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception 'case_event is append-only: % refused', tg_op;
      end
    $fn$`);
    this.addSql(`create trigger case_event_no_change before update or delete on case_event
      for each row execute function case_event_append_only()`);
    this.addSql(`create trigger case_event_no_truncate before truncate on case_event
      for each statement execute function case_event_append_only()`);

    this.addSql(`create table submission (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      kind text not null,
      idempotency_key text,
      principal text not null,
      request_hash text not null,
      body jsonb not null,
      case_id uuid not null,
      workflow_id text not null,
      status text not null default 'pending' check (status in ('pending', 'started')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      constraint submission_workflow_id_unique unique (workflow_id)
    )`);
    this.addSql(`create unique index submission_idempotency_unique on submission (tenant_id, principal, idempotency_key)
      where idempotency_key is not null`);
    this.addSql(`create index submission_pending_idx on submission (created_at) where status = 'pending'`);

    this.addSql(`create table document (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      case_id uuid,
      kind text not null,
      filename text not null,
      media_type text not null,
      size_bytes integer not null check (size_bytes >= 0),
      sha256 text not null,
      content bytea not null,
      uploaded_by text not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index document_case_idx on document (case_id)');

    this.addSql(`create table notification (
      id uuid primary key,
      dedupe_key text not null,
      tenant_id text not null references tenant (id),
      case_id uuid,
      template text not null,
      recipient_role text,
      recipient text not null,
      subject text not null,
      body text not null,
      status text not null check (status in ('pending', 'sent', 'failed')),
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      constraint notification_dedupe_key_unique unique (dedupe_key)
    )`);
    this.addSql('create index notification_case_idx on notification (case_id)');
    this.addSql(`create index notification_unsent_idx on notification (created_at) where status <> 'sent'`);

    this.addSql(`create table api_key (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      name text not null,
      prefix text not null,
      key_hash text not null,
      scopes text[] not null default '{}',
      roles text[] not null default '{}',
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz,
      constraint api_key_key_hash_unique unique (key_hash)
    )`);
    this.addSql('create index api_key_tenant_idx on api_key (tenant_id)');

    this.addSql(`create table case_counter (
      tenant_id text not null references tenant (id),
      case_type text not null,
      year integer not null,
      next_value integer not null check (next_value > 0),
      primary key (tenant_id, case_type, year)
    )`);
  }

  override down(): void {
    for (const table of ['case_counter', 'api_key', 'notification', 'document', 'submission', 'case_event', 'sigap_case', 'catalogue_item', 'app_user', 'tenant']) {
      this.addSql(`drop table if exists ${table}`);
    }
    this.addSql('drop function if exists case_event_append_only()');
  }
}
