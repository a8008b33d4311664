// The durable intake record: written before a workflow is started, so nothing a user submitted
// is lost if the start fails; a sweeper retries rows still 'pending'.
import { defineEntity, p } from '@mikro-orm/core';
import type { JsonObject } from './caseRecord.ts';

const SubmissionSchema = defineEntity({
  name: 'Submission',
  tableName: 'submission',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    /** 'request' now. */
    kind: p.text(),
    /** Unique per (tenant, principal) when given (partial unique index). */
    idempotencyKey: p.text().nullable(),
    /** Username, or api key id. */
    principal: p.text(),
    /** Hash of the body, to refuse a reused idempotency key with a different body. */
    requestHash: p.text(),
    body: p.json<JsonObject>(),
    /** Chosen at intake; the case row appears later, so no foreign key. */
    caseId: p.uuid(),
    workflowId: p.text().unique(),
    status: p.enum(['pending', 'started']).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
  },
});

export class Submission extends SubmissionSchema.class {}
SubmissionSchema.setClass(Submission);
