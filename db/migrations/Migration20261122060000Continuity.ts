// Continuity and availability (spec §6, "Monitoring and availability"; serang BAB III C Formulir C,
// BAB IV C.2–C.3):
// - continuity_plan: Formulir C per service — availability target, committed operating time, RTO, RPO.
//   The classification stays on the service (it sets incident priorities too).
// - drp_document: versioned disaster recovery plans; each version is approved (or not) through its
//   own `drp` case; approving a version supersedes the previously approved one.
// - backup_report: the last good backup times the technical team or an integration reports; the
//   disaster workflow compares the latest one before the declaration with the RPO.
// - downtime: outages entered by hand and those a real disaster records (exercises never do).
//   Mayor incidents and monitoring alerts are read from the case read model and alert_fingerprint
//   when availability is measured, so they are not copied here.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122060000Continuity extends Migration {
  override up(): void {
    this.addSql(`create table continuity_plan (
      tenant_id text not null,
      service_code text not null,
      availability_target_bp integer check (availability_target_bp between 0 and 10000),
      operating_schedule text not null check (operating_schedule in ('24x7', '24x5', 'working_calendar')),
      rto_ms bigint check (rto_ms > 0),
      rpo_ms bigint check (rpo_ms >= 0),
      notes text,
      version integer not null default 1,
      updated_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, service_code),
      foreign key (tenant_id, service_code) references service (tenant_id, code)
    )`);
    this.addSql(`create table drp_document (
      id uuid primary key,
      tenant_id text not null,
      service_code text not null,
      version integer not null check (version >= 1),
      title text not null,
      recovery_activities text not null,
      normalisation_activities text not null,
      document_id uuid references document (id),
      status text not null check (status in ('pending', 'approved', 'rejected', 'superseded', 'withdrawn')),
      case_id uuid references sigap_case (id),
      submitted_by text not null,
      submitted_at timestamptz not null,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      unique (tenant_id, service_code, version),
      foreign key (tenant_id, service_code) references service (tenant_id, code)
    )`);
    // At most one approved DRP per service at a time.
    this.addSql(`create unique index drp_document_one_approved_idx on drp_document (tenant_id, service_code) where status = 'approved'`);
    this.addSql(`create table backup_report (
      id uuid primary key,
      tenant_id text not null,
      service_code text not null,
      backup_at timestamptz not null,
      reported_by text not null,
      source text not null check (source in ('manual', 'integration')),
      note text,
      reported_at timestamptz not null default now(),
      foreign key (tenant_id, service_code) references service (tenant_id, code)
    )`);
    this.addSql('create index backup_report_service_idx on backup_report (tenant_id, service_code, backup_at desc)');
    this.addSql(`create table downtime (
      id uuid primary key,
      tenant_id text not null,
      service_code text not null,
      starts_at timestamptz not null,
      ends_at timestamptz,
      source text not null check (source in ('manual', 'disaster')),
      source_ref text,
      cause text not null,
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      check (ends_at is null or ends_at > starts_at),
      foreign key (tenant_id, service_code) references service (tenant_id, code)
    )`);
    this.addSql('create index downtime_service_idx on downtime (tenant_id, service_code, starts_at)');
    // A disaster records one outage per affected service: a retried activity finds it.
    this.addSql(`create unique index downtime_source_idx on downtime (tenant_id, source, source_ref, service_code) where source_ref is not null`);
  }

  override down(): void {
    this.addSql('drop table if exists downtime');
    this.addSql('drop table if exists backup_report');
    this.addSql('drop table if exists drp_document');
    this.addSql('drop table if exists continuity_plan');
  }
}
