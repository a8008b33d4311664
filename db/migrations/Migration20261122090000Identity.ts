// Identity (issue 8 part 1–2): console sessions after an OIDC sign-in, the sign-in attempts in flight
// (authorization code + PKCE), delegations of roles to acting officials (Plt./Plh.), API keys that
// expire and rotate, and a claim on a notification so two concurrent attempts never both send it.
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122090000Identity extends Migration {
  override up(): void {
    // One row per sign-in started at /auth/login; consumed once by /auth/callback (state is the key,
    // stored as its SHA-256 so a database reader cannot finish someone else's sign-in).
    this.addSql(`create table oidc_login (
      state_hash text primary key,
      code_verifier text not null,
      nonce text not null,
      return_to text not null default '/',
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql('create index oidc_login_expires_idx on oidc_login (expires_at)');

    // A console session: the cookie carries a random id, the table its SHA-256. The principal is the
    // one the identity provider's tokens gave at sign-in (or the last refresh); tokens are encrypted.
    this.addSql(`create table web_session (
      id_hash text primary key,
      tenant_id text not null references tenant (id),
      username text not null,
      principal jsonb not null,
      csrf_token text not null,
      id_token text,
      refresh_token_enc text,
      access_expires_at timestamptz,
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      ended_at timestamptz
    )`);
    this.addSql('create index web_session_user_idx on web_session (tenant_id, username) where ended_at is null');

    // A role delegated by its holder (or recorded by an administrator from the appointment letter) to
    // an acting official for [starts_at, ends_at). Revoking ends it early; nothing is deleted.
    this.addSql(`create table delegation (
      id uuid primary key,
      tenant_id text not null references tenant (id),
      kind text not null check (kind in ('plt', 'plh')),
      delegator text not null,
      delegator_name text not null,
      delegate text not null,
      delegate_name text not null,
      roles text[] not null check (cardinality(roles) > 0),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      reason text not null,
      reference text,
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by text,
      constraint delegation_period_check check (starts_at < ends_at),
      constraint delegation_not_self_check check (delegator <> delegate)
    )`);
    this.addSql('create index delegation_delegate_idx on delegation (tenant_id, delegate, ends_at) where revoked_at is null');
    this.addSql('create index delegation_delegator_idx on delegation (tenant_id, delegator, ends_at) where revoked_at is null');

    // Keys expire (a rotated key keeps working for its grace period) and remember what they replaced.
    this.addSql('alter table api_key add column expires_at timestamptz');
    this.addSql('alter table api_key add column rotated_from uuid references api_key (id)');
    this.addSql('alter table api_key add column rotated_at timestamptz');

    // Whoever sends a notification claims it first; a claim that outlives its holder lapses.
    this.addSql('alter table notification add column claimed_until timestamptz');
  }

  override down(): void {
    this.addSql('alter table notification drop column if exists claimed_until');
    this.addSql('alter table api_key drop column if exists rotated_at');
    this.addSql('alter table api_key drop column if exists rotated_from');
    this.addSql('alter table api_key drop column if exists expires_at');
    this.addSql('drop table if exists delegation');
    this.addSql('drop table if exists web_session');
    this.addSql('drop table if exists oidc_login');
  }
}
