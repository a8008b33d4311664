// Outbox and log of messages sent; dedupe_key makes a retried activity send a message once.
import { defineEntity, p } from '@mikro-orm/core';

const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    dedupeKey: p.text().unique(),
    tenantId: p.text(),
    caseId: p.uuid().nullable(),
    template: p.text(),
    recipientRole: p.text().nullable(),
    recipient: p.text(),
    subject: p.text(),
    body: p.text(),
    status: p.enum(['pending', 'sent', 'failed']),
    sentAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
