// The read model of one case (request now; incident, change … later), kept in step with its
// workflow by activities. Table `sigap_case`, since `case` is an SQL keyword.
// The table also has `search_vector` (generated tsvector over number and title, GIN-indexed);
// it is not mapped here, so it is never written: filter with caseTextFilter() from db/search.ts.
import { defineEntity, p } from '@mikro-orm/core';
import type { SlaClock } from '../../policy/sla.ts';

export type JsonObject = Record<string, unknown>;

const CaseRecordSchema = defineEntity({
  name: 'CaseRecord',
  tableName: 'sigap_case',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    /** 'request' now; later 'incident', 'change', … */
    caseType: p.text(),
    /** Human number, e.g. REQ-2026-000001 (see nextCaseNumber). */
    number: p.text(),
    workflowId: p.text().unique(),
    serviceCode: p.text().nullable(),
    title: p.text(),
    state: p.text(),
    priority: p.text().nullable(),
    requesterId: p.uuid().nullable(),
    requesterUsername: p.text(),
    assigneeUsername: p.text().nullable(),
    waitingFor: p.json<JsonObject[]>().onCreate(() => []),
    sla: p.json<SlaClock[]>().onCreate(() => []),
    dueAt: p.datetime().nullable(),
    breached: p.boolean().default(false),
    slaMet: p.boolean().nullable(),
    links: p.json<JsonObject[]>().onCreate(() => []),
    data: p.json<JsonObject>().onCreate(() => ({})),
    /** Seq of the last case_event written for this case. */
    lastSeq: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    closedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['tenantId', 'number'] }],
});

export class CaseRecord extends CaseRecordSchema.class {}
CaseRecordSchema.setClass(CaseRecord);
