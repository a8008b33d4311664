// Case endpoints shared by every process: list, detail, timeline, actions and decisions.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { queryBoolean, type Registry } from '../http/routes.ts';
import { caseListQuery, caseListSchema, caseSchema, timelineSchema } from '../schemas/cases.ts';
import { decisionBody } from '../schemas/requests.ts';
import { actOnCase, getCase, getTimeline, listCases } from '../services/cases.ts';
import { allActions } from '../services/processes.ts';
import { idempotencyKeyOf } from './idempotency.ts';

const errors = {
  400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' },
  404: { description: 'Kasus tidak ditemukan' }, 409: { description: 'Kasus tidak sedang menunggu tindakan ini' }, 422: { description: 'Melanggar aturan bisnis' },
};
const idParams = z.object({ id: z.string().min(1).max(64).describe('ID (UUID) atau nomor kasus') });

export function registerCaseRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/cases', operationId: 'listCases', tags: ['cases'], scope: 'cases:read',
    summary: 'Daftar kasus dengan filter / List cases with filters',
    query: caseListQuery.extend({ breached: queryBoolean().optional() }),
    responses: { 200: { description: 'Daftar kasus', schema: caseListSchema }, 400: errors[400], 401: errors[401] },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listCases(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/cases/:id', operationId: 'getCase', tags: ['cases'], scope: 'cases:read',
    summary: 'Detail kasus: status, jam SLA, yang ditunggu / Case detail: state, SLA clocks, what it waits for',
    params: idParams,
    responses: { 200: { description: 'Kasus', schema: caseSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await getCase(deps, principal, params.id, true) }),
  });

  registry.route({
    method: 'get', path: '/cases/:id/timeline', operationId: 'getCaseTimeline', tags: ['cases'], scope: 'cases:read',
    summary: 'Jejak audit kasus / Case audit trail',
    params: idParams,
    responses: { 200: { description: 'Jejak audit berantai hash', schema: timelineSchema }, 401: errors[401], 404: errors[404] },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await getTimeline(deps, principal, params.id) }),
  });

  registry.route({
    method: 'post', path: '/cases/:id/actions/:action', operationId: 'actOnCase', tags: ['cases'], scope: 'cases:act',
    summary: 'Lakukan tindakan pada kasus / Take an action on a case',
    description: `Tindakan: ${allActions().join(', ')} (sesuai proses kasus). Isi body sesuai tindakan. Header Idempotency-Key membuat pengulangan aman.`,
    params: idParams.extend({ action: z.enum(allActions()) }),
    // Each action has its own body schema (api/schemas/requests.ts); it is checked in the handler.
    body: z.record(z.string(), z.unknown()).describe('classify {classification, priority, note?} · decide {decision, comment?} · assign {assignee, note?} · progress {note} · fulfil {resolution} · confirm {satisfaction 1–5, suggestion?} · reopen {reason} · cancel {reason}'),
    responses: { 200: { description: 'Kasus setelah tindakan', schema: caseSchema }, ...errors },
    // The body is checked against the schema of the action for the case's process.
    handler: async ({ req, params, principal, lang }) => ({
      status: 200 as const, body: await actOnCase(deps, principal, params.id, params.action, req.body, idempotencyKeyOf(req), lang),
    }),
  });

  registry.route({
    method: 'post', path: '/cases/:id/decisions', operationId: 'decideCase', tags: ['cases'], scope: 'cases:act',
    summary: 'Setujui atau tolak / Approve or reject',
    params: idParams,
    body: decisionBody,
    responses: { 200: { description: 'Kasus setelah keputusan', schema: caseSchema }, ...errors },
    handler: async ({ req, params, body, principal, lang }) => ({
      status: 200 as const, body: await actOnCase(deps, principal, params.id, 'decide', body, idempotencyKeyOf(req), lang),
    }),
  });
}
