// The audit trail of a case: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
// hash-chained (hash covers the event and prev_hash), so a gap or an edit is detectable.
import { defineEntity, p } from '@mikro-orm/core';
import type { JsonObject } from './caseRecord.ts';

const CaseEventSchema = defineEntity({
  name: 'CaseEvent',
  tableName: 'case_event',
  properties: {
    /** bigserial, assigned by the database. */
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.uuid(),
    /** 1, 2, 3 … per case. */
    seq: p.integer(),
    at: p.datetime(),
    /** Username, or 'system'. */
    actor: p.text(),
    actorRole: p.text().nullable(),
    action: p.text(),
    payload: p.json<JsonObject>().onCreate(() => ({})),
    prevHash: p.text().nullable(),
    hash: p.text(),
  },
  uniques: [{ properties: ['caseId', 'seq'] }],
});

export class CaseEvent extends CaseEventSchema.class {}
CaseEventSchema.setClass(CaseEvent);
