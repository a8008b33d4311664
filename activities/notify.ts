// Notifications: rendered from Handlebars templates (Bahasa Indonesia first, English second) and
// sent once per recipient. The notification row is written before sending under a unique dedupe
// key, so a retried activity skips what was sent; the Message-ID is derived from the same key so a
// mail server can drop the rare duplicate of a send whose status update was lost.
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import type { TemplateRenderer } from './templates.ts';
import type { NotifyInput, NotifyResult } from './types.ts';

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
        [input.tenantId, toPgArray(input.toRoles ?? []), toPgArray(input.toUsers ?? [])],
      );
      let sent = 0;
      let skipped = 0;
      for (const r of recipients) {
        const key = `${input.dedupeKey}:${r.username}`;
        const message = deps.templates.render(input.template, {
          ...input.params, recipient: r.name, caseUrl: `${deps.publicUrl}/api/v1/cases/${input.caseId}`,
        });
        const inserted = await em.execute<Array<{ id: string }>>(
          `insert into notification (id, dedupe_key, tenant_id, case_id, template, recipient_role, recipient, subject, body, status, created_at)
           values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, 'pending', now())
           on conflict (dedupe_key) do nothing returning id`,
          [key, input.tenantId, input.caseId, input.template, (input.toRoles ?? []).join(',') || null, r.username, message.subject, message.text],
        );
        const [status] = await em.execute<Array<{ status: string }>>('select status from notification where dedupe_key = ?', [key]);
        if (!inserted.length && status?.status === 'sent') { skipped++; continue; }
        if (r.email) {
          await deps.mailer.sendMail({
            from: deps.mailFrom, to: `${r.name} <${r.email}>`, subject: message.subject, text: message.text,
            messageId: `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@sigap>`,
          });
        }
        await em.execute(`update notification set status = 'sent', sent_at = now() where dedupe_key = ?`, [key]);
        sent++;
      }
      return { sent, skipped };
    },
  };
}

function toPgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
