// Notifications: rendered from Handlebars templates (Bahasa Indonesia first, English second) and
// sent once per recipient. The notification row is written before sending under a unique dedupe
// key, so a retried activity skips what was sent; the Message-ID is derived from the same key so a
// mail server can drop the rare duplicate of a send whose status update was lost.
//
// Two attempts of the same notice can run at once (an activity retried after a timeout while the first
// attempt still runs): each claims a recipient's row before sending (`claimed_until`, a lease that
// lapses if its holder dies), so only one sends; the other fails retryably and its retry finds the row sent.
//
// Who receives `toRoles`: everyone holding one of the roles, and everyone to whom one of them is
// delegated (Plt./Plh.) at send time — told on whose behalf (params.delegation).
//
// What "never twice" means here: a retry after a recorded send ('sent') sends nothing. A database restart
// between the SMTP answer and the update is ridden out (the update is retried while the claim holds). A send
// whose status update was lost (the worker died between the SMTP answer and the update) leaves the row
// 'pending', and the retry sends again — SMTP gives no way to ask whether a message arrived, and not
// resending would lose the notice instead. That second copy carries the same Message-ID (and the
// same content, calendar invitation included): an MTA such as Postfix delivers both, but mailbox stores
// that deduplicate by Message-ID (Gmail, a Sieve "duplicate" rule, RFC 7352) keep one, and mail
// clients thread them as the same message.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import { calendarInvite } from './calendarInvite.ts';
import type { TemplateRenderer } from './templates.ts';
import type { NotifyInput, NotifyResult } from './types.ts';
import { pgTextArray } from '../db/pgArray.ts';
import { recordAfterSideEffect } from './recordAfterSideEffect.ts';

/** A delegate (Plt./Plh.) told about a decision in a role delegated to them: whom they act for, until when. */
interface ActingFor { kind: string; delegator: string; delegatorName: string; roles: string[]; until: string }
interface Recipient { username: string; name: string; email: string | null; acting_for: ActingFor | null }

export interface NotifyDeps {
  orm: MikroORM;
  mailer: Transporter;
  mailFrom: string;
  templates: TemplateRenderer;
  publicUrl: string;
}

export function createNotifyActivities(deps: NotifyDeps) {
  return {
    async notify(input: NotifyInput): Promise<NotifyResult> {
      const em = deps.orm.em.fork();
      const recipients = await recipientsOf(em, input);
      let sent = 0;
      let skipped = 0;
      let claimedElsewhere = 0;
      for (const r of recipients) {
        const key = `${input.dedupeKey}:${r.username}`;
        const message = deps.templates.render(input.template, {
          ...input.params, recipient: r.name, caseUrl: `${deps.publicUrl}/api/v1/cases/${input.caseId}`,
          // Where a person decides: the console's case page (built by issue 9), not the API resource.
          decideUrl: decideUrl(deps.publicUrl, input.caseId),
          ...(r.acting_for ? { delegation: { ...r.acting_for, kind: r.acting_for.kind === 'plt' ? 'Plt.' : 'Plh.' } } : {}),
        });
        await em.execute(
          `insert into notification (id, dedupe_key, tenant_id, case_id, template, recipient_role, recipient, subject, body, status, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, 'pending', now())
           on conflict (dedupe_key) do nothing`,
          [key, input.tenantId, input.caseId, input.template, (input.toRoles ?? []).join(',') || null, r.username, message.subject, message.text],
        );
        const claimedAt = Date.now();
        const [claimed] = await em.execute<Array<{ created_at: Date }>>(
          `update notification set claimed_until = now() + interval '${CLAIM_SECONDS} seconds'
           where dedupe_key = ? and status <> 'sent' and (claimed_until is null or claimed_until < now()) returning created_at`,
          [key],
        );
        if (!claimed) {
          const [row] = await em.execute<Array<{ status: string }>>('select status from notification where dedupe_key = ?', [key]);
          if (row?.status === 'sent') skipped++;
          else claimedElsewhere++; // another attempt is sending it now
          continue;
        }
        try {
          if (r.email) {
            const invite = calendarInvite({
              template: input.template, caseId: input.caseId, params: input.params, summary: message.subject, description: message.text,
              url: decideUrl(deps.publicUrl, input.caseId), stamp: new Date(claimed.created_at),
            });
            await deps.mailer.sendMail({
              from: deps.mailFrom, to: `${r.name} <${r.email}>`, subject: message.subject, text: message.text,
              messageId: messageIdFor(key),
              // nodemailer adds it as a text/calendar; method=PUBLISH alternative and as an .ics attachment.
              ...(invite ? { icalEvent: { method: invite.method, filename: invite.filename, content: invite.content } } : {}),
            });
          }
        } catch (err) {
          // Let the retry send at once instead of waiting for the lease to lapse.
          await em.execute('update notification set claimed_until = null where dedupe_key = ?', [key]);
          throw err;
        }
        await markSent(deps.orm, key, claimedAt);
        sent++;
      }
      if (claimedElsewhere > 0) {
        throw ApplicationFailure.retryable(`${claimedElsewhere} notification(s) of ${input.dedupeKey} are being sent by another attempt`, 'NotificationClaimed');
      }
      return { sent, skipped };
    },
  };
}

/** How long a claim holds: well past one SMTP transaction, short enough that a dead holder's notice still goes out soon. */
const CLAIM_SECONDS = 120;
/** Stop retrying the 'sent' update this long before the claim lapses, so no other attempt can have sent meanwhile. */
const CLAIM_MARGIN_MS = 15_000;

/**
 * Records a message the SMTP server accepted. While the claim holds, no other attempt sends it, so the
 * update is retried through a database restart; failing at once would leave the row pending and the
 * retry (after the claim lapses) would mail it a second time. Past the claim it gives up (at least once).
 */
function markSent(orm: MikroORM, key: string, claimedAt: number): Promise<void> {
  return recordAfterSideEffect(
    () => orm.em.fork().execute(`update notification set status = 'sent', sent_at = now(), claimed_until = null where dedupe_key = ?`, [key]),
    claimedAt + CLAIM_SECONDS * 1_000 - CLAIM_MARGIN_MS,
  );
}

/**
 * The recipients of a notice, one row per user: holders of `toRoles`, the named `toUsers`, and the
 * delegates of `toRoles` (a delegation in force now, not revoked) who are not recipients in their own right.
 */
async function recipientsOf(em: EntityManager, input: NotifyInput): Promise<Recipient[]> {
  const roles = pgTextArray(input.toRoles ?? []);
  return em.execute<Recipient[]>(
    `select distinct on (username) username, name, email, acting_for from (
       select username, name, email, null::jsonb as acting_for, 0 as rank from app_user
        where tenant_id = ? and (roles && ?::text[] or username = any(?::text[]))
       union all
       select u.username, u.name, u.email,
              jsonb_build_object('kind', d.kind, 'delegator', d.delegator, 'delegatorName', d.delegator_name,
                'roles', array(select unnest(d.roles) intersect select unnest(?::text[])), 'until', d.ends_at), 1 as rank
         from delegation d join app_user u on u.tenant_id = d.tenant_id and u.username = d.delegate
        where d.tenant_id = ? and d.revoked_at is null and d.starts_at <= now() and d.ends_at > now() and d.roles && ?::text[]
     ) r order by username, rank, acting_for->>'until' desc`,
    [input.tenantId, roles, pgTextArray(input.toUsers ?? []), roles, input.tenantId, roles],
  );
}

/** The Message-ID of one notice to one recipient: a function of the dedupe key alone. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@sigap>`;
}

/** The console page where a case is decided (the web console of issue 9 serves /cases/{id}). */
export function decideUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/cases/${caseId}`;
}
