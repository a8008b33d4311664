// Administrators' view of rollbacks: a rollback step that still fails after its retries parks the
// release in rollback_failed (visible, searchable, the administrators are told). After fixing the
// cause an administrator replays the rollback from the failed step, or closes it as resolved by hand
// with a written justification; each is on the release's timeline with the administrator and the
// request id. Code-level fixes use `temporal workflow reset` (README "Releases, rollbacks and replay").
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { replayBody, resolveBody, rollbackListQuery, rollbackListSchema } from '../schemas/releases.ts';
import { listRollbacks } from '../services/releases.ts';
import { actOnRollback } from '../services/rollbacks.ts';
import { idempotencyKeyOf } from './idempotency.ts';

const idParams = z.object({ id: z.string().min(1).max(64).describe('ID (UUID) atau nomor rilis, mis. RLS-2026-000001') });
const errors = {
  400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Hanya administrator' },
  404: { description: 'Rilis tidak ditemukan' }, 409: { description: 'Rollback rilis ini tidak sedang gagal (rollback_not_failed)' },
};

export function registerAdminRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/admin/rollbacks', operationId: 'listRollbacks', tags: ['admin'], scope: 'cases:read',
    summary: 'Daftar rollback rilis / List release rollbacks',
    description: 'state=failed (bawaan): rilis yang rollback-nya gagal dan menunggu administrator, dengan langkah yang gagal, galat terakhir, jumlah percobaan dan sejak kapan. state=all: setiap rilis yang pernah di-rollback.',
    query: rollbackListQuery,
    responses: { 200: { description: 'Daftar rollback', schema: rollbackListSchema }, 400: errors[400], 401: errors[401], 403: errors[403] },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listRollbacks(deps, principal, query) }),
  });

  registry.route({
    method: 'post', path: '/admin/releases/:id/rollback/replay', operationId: 'replayRollback', tags: ['admin'], scope: 'cases:act',
    summary: 'Ulangi rollback yang gagal / Replay a failed rollback',
    description: 'Menjalankan ulang rollback mulai dari langkah yang gagal (percobaan baru dengan Idempotency-Key baru ke sistem deployment), setelah penyebabnya diperbaiki. Tercatat di jejak audit bersama administrator dan ID permintaan (X-Request-Id).',
    params: idParams, body: replayBody,
    responses: { 200: { description: 'Rilis setelah rollback diulang', schema: caseSchema }, ...errors },
    handler: async ({ req, res, params, body, principal, lang }) => {
      const requestId = requestIdOf(req);
      res.setHeader('X-Request-Id', requestId);
      return { status: 200 as const, body: await actOnRollback(deps, principal, params.id, 'replay_rollback', body, { requestId, idempotencyKey: idempotencyKeyOf(req) }, lang), headers: { 'X-Request-Id': requestId } };
    },
  });

  registry.route({
    method: 'post', path: '/admin/releases/:id/rollback/resolve', operationId: 'resolveRollback', tags: ['admin'], scope: 'cases:act',
    summary: 'Selesaikan rollback secara manual / Resolve a failed rollback by hand',
    description: 'Menutup rollback yang gagal sebagai diselesaikan manual dengan alasan tertulis (minimal 20 karakter); dicatat sebagai temuan (rollback_resolved_manually) dan di jejak audit bersama administrator dan ID permintaan.',
    params: idParams, body: resolveBody,
    responses: { 200: { description: 'Rilis setelah rollback diselesaikan', schema: caseSchema }, ...errors, 422: { description: 'Alasan terlalu pendek' } },
    handler: async ({ req, res, params, body, principal, lang }) => {
      const requestId = requestIdOf(req);
      res.setHeader('X-Request-Id', requestId);
      return { status: 200 as const, body: await actOnRollback(deps, principal, params.id, 'resolve_rollback', body, { requestId, idempotencyKey: idempotencyKeyOf(req) }, lang), headers: { 'X-Request-Id': requestId } };
    },
  });
}

/** The request's id (X-Request-Id when the caller sends a valid one), echoed and recorded with the action. */
function requestIdOf(req: Request): string {
  const given = req.get('X-Request-Id');
  return given && /^[\x21-\x7e]{1,128}$/.test(given) ? given : randomUUID();
}
