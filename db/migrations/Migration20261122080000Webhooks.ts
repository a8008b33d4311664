// Outbound webhooks (issue 8 part 4): an administrator's subscriptions to case events, and an outbox
// of deliveries. recordTransition writes a delivery row for every matching active subscription in the
// same transaction as the audit event, so an event is never lost nor queued twice: the unique key
// (subscription, case, event seq) makes a retried activity insert nothing. The API's dispatcher
// starts one `webhookDelivery` workflow per row (workflow id `webhook:<id>`); `dispatched_at` tells
// it which rows it has started.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080000Webhooks extends Migration {
  override up(): void {
    this.addSql(`create table webhook_subscription (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      url text not null,
      description text,
      case_types text[] not null default '{}',   -- empty = every case type
      events text[] not null default '{}',       -- audit action names; empty = every event
      secret text not null,                      -- whsec_<base64 of 32 random bytes>, shown once at creation
      active boolean not null default true,
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`);
    this.addSql('create index webhook_subscription_tenant_idx on webhook_subscription (tenant_id) where active');
    this.addSql(`create table webhook_delivery (
      id uuid primary key,                       -- the Standard Webhooks webhook-id, the same on every retry and redelivery
      tenant_id text not null references tenant (id),
      subscription_id uuid not null references webhook_subscription (id),
      case_id uuid not null,
      event_seq integer not null,
      event_type text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_status_code integer,
      last_error text,
      last_attempt_at timestamptz,
      next_attempt_at timestamptz,
      dispatched_at timestamptz,                 -- when the dispatcher started its workflow (null = not yet)
      redeliveries integer not null default 0,
      redelivered_by text,
      redelivered_at timestamptz,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (subscription_id, case_id, event_seq)
    )`);
    this.addSql('create index webhook_delivery_undispatched_idx on webhook_delivery (created_at) where dispatched_at is null');
    this.addSql('create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, created_at desc)');
  }

  override down(): void {
    this.addSql('drop table if exists webhook_delivery');
    this.addSql('drop table if exists webhook_subscription');
  }
}
