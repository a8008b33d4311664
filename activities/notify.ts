// Notifications: rendered from Handlebars templates (Bahasa Indonesia first, English second) and
// sent once per recipient. The notification row is written before sending under a unique dedupe
// key, so a retried activity skips what was sent; the Message-ID is derived from the same key so a
// mail server can drop the rare duplicate of a send whose status update was lost.
//
// What "never twice" means here: a retry after a recorded send ('sent') sends nothing. A send whose
// status update was lost (the worker died between the SMTP answer and the update) leaves the row
// 'pending', and the retry sends again — SMTP gives no way to ask whether a message arrived, and not
// resending would lose the notice instead. That second copy carries the same Message-ID (and the
// same content, calendar invitation included): an MTA such as Postfix delivers both, but mailbox stores
// that deduplicate by Message-ID (Gmail, a Sieve "duplicate" rule, RFC 7352) keep one, and mail
// clients thread them as the same message.
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import { calendarInvite } from './calendarInvite.ts';
import type { TemplateRenderer } from './templates.ts';
import type { NotifyInput, NotifyResult } from './types.ts';
import { pgTextArray } from '../db/pgArray.ts';

interface Recipient { username: string; name: string; email: string | null }

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
      const recipients = await em.execute<Recipient[]>(
        `select username, name, email from app_user
         where tenant_id = ? and (roles && ?::text[] or username = any(?::text[])) order by username`,
        [input.tenantId, pgTextArray(input.toRoles ?? []), pgTextArray(input.toUsers ?? [])],
      );
      let sent = 0;
      let skipped = 0;
      for (const r of recipients) {
        const key = `${input.dedupeKey}:${r.username}`;
        const message = deps.templates.render(input.template, {
          ...input.params, recipient: r.name, caseUrl: `${deps.publicUrl}/api/v1/cases/${input.caseId}`,
          // Where a person decides: the console's case page (built by issue 9), not the API resource.
          decideUrl: decideUrl(deps.publicUrl, input.caseId),
        });
        const inserted = await em.execute<Array<{ id: string }>>(
          `insert into notification (id, dedupe_key, tenant_id, case_id, template, recipient_role, recipient, subject, body, status, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, 'pending', now())
           on conflict (dedupe_key) do nothing returning id`,
          [key, input.tenantId, input.caseId, input.template, (input.toRoles ?? []).join(',') || null, r.username, message.subject, message.text],
        );
        const [row] = await em.execute<Array<{ status: string; created_at: Date }>>('select status, created_at from notification where dedupe_key = ?', [key]);
        if (!inserted.length && row?.status === 'sent') { skipped++; continue; }
        if (r.email) {
          const invite = calendarInvite({
            template: input.template, caseId: input.caseId, params: input.params, summary: message.subject, description: message.text,
            url: decideUrl(deps.publicUrl, input.caseId), stamp: new Date(row?.created_at ?? Date.now()),
          });
          await deps.mailer.sendMail({
            from: deps.mailFrom, to: `${r.name} <${r.email}>`, subject: message.subject, text: message.text,
            messageId: messageIdFor(key),
            // nodemailer adds it as a text/calendar; method=PUBLISH alternative and as an .ics attachment.
            ...(invite ? { icalEvent: { method: invite.method, filename: invite.filename, content: invite.content } } : {}),
          });
        }
        await em.execute(`update notification set status = 'sent', sent_at = now() where dedupe_key = ?`, [key]);
        sent++;
      }
      return { sent, skipped };
    },
  };
}

/** The Message-ID of one notice to one recipient: a function of the dedupe key alone. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@sigap>`;
}

/** The console page where a case is decided (the web console of issue 9 serves /cases/{id}). */
export function decideUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/cases/${caseId}`;
}
