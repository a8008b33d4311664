// Change management: POST /changes (the RFC), GET /changes/{id}/conflicts, the standard-change
// catalogue (GET/PUT /standard-changes) and the blackout periods (GET/POST/DELETE /change-blackouts).
// Actions on a change go through POST /cases/{id}/actions/{action}.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import {
  blackoutBody, blackoutListSchema, blackoutSchema, changeConflictsSchema, createChangeBody, standardChangeBody, standardChangeListSchema, standardChangeSchema,
} from '../schemas/changes.ts';
import { getCase } from '../services/cases.ts';
import {
  CHANGE_ADMIN_ROLES, changeConflicts, createBlackout, deleteBlackout, getStandardChange, listBlackouts, listStandardChanges, putStandardChange, submitChange,
} from '../services/changes.ts';
import { idempotencyKeyOf } from './idempotency.ts';

const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9-]{2,40}$/) });
const unauthenticated = { 401: { description: 'Belum masuk' } };

export function registerChangeRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/changes', operationId: 'submitChange', tags: ['changes'], scope: 'changes:create',
    summary: 'Ajukan permintaan perubahan (RFC) / Submit a change request',
    description: 'Manajemen perubahan (serang Tabel 4.4 Kategori Rilis; kemenkeu E.1; dpr Pasal 17–18). Kategori standard: hanya dari katalog perubahan standar, tanpa persetujuan; normal: persetujuan sebelum pelaksanaan (kemenkeu: forum perubahan dengan kuorum); emergency: dilaksanakan segera, persetujuan retrospektif dalam batas waktu jam kerja. Konflik jendela (perubahan lain pada layanan yang sama, masa larangan) ditampilkan sebelum persetujuan dan ditolak saat penjadwalan. dpr: layanan yang diserahterimakan kurang dari 3 bulan lalu masih masa pemeliharaan.',
    body: createChangeBody,
    responses: {
      201: { description: 'Permintaan perubahan tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, ...unauthenticated, 403: { description: 'Tidak berwenang mengajukan perubahan' },
      422: { description: 'Layanan, item konfigurasi, perubahan standar atau kasus asal tidak dikenal; jendela di masa lalu; perubahan darurat tanpa alasan; layanan dalam masa pemeliharaan' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await submitChange(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'get', path: '/changes/:id/conflicts', operationId: 'getChangeConflicts', tags: ['changes'], scope: 'changes:read',
    summary: 'Konflik jendela perubahan / Conflicts of a change window',
    description: 'Perubahan lain yang sudah disetujui/terjadwal/sedang dilaksanakan pada layanan yang sama dengan jendela yang beririsan, dan masa larangan perubahan (blackout) yang beririsan — dihitung saat ini.',
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Konflik', schema: changeConflictsSchema }, ...unauthenticated, 404: { description: 'Perubahan tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await changeConflicts(deps, principal, params.id) }),
  });

  registry.route({
    method: 'get', path: '/standard-changes', operationId: 'listStandardChanges', tags: ['changes'], scope: 'cases:read',
    summary: 'Katalog perubahan standar / Standard-change catalogue',
    responses: { 200: { description: 'Perubahan standar yang telah disetujui sebelumnya', schema: standardChangeListSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listStandardChanges(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/standard-changes/:code', operationId: 'getStandardChange', tags: ['changes'], scope: 'cases:read',
    summary: 'Satu perubahan standar / One standard change',
    params: codeParams,
    responses: { 200: { description: 'Perubahan standar', schema: standardChangeSchema }, ...unauthenticated, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await getStandardChange(deps, principal, params.code) }),
  });

  registry.route({
    method: 'put', path: '/standard-changes/:code', operationId: 'putStandardChange', tags: ['changes'], roles: CHANGE_ADMIN_ROLES,
    summary: 'Daftarkan atau ubah perubahan standar / Register or replace a standard change',
    description: 'Perubahan rutin, berulang, berisiko rendah dengan prosedur baku (serang Tabel 4.4 «Rutin»). `active: false` menariknya dari katalog.',
    params: codeParams,
    body: standardChangeBody,
    responses: {
      200: { description: 'Diubah', schema: standardChangeSchema }, 201: { description: 'Didaftarkan', schema: standardChangeSchema },
      400: { description: 'Data tidak valid' }, ...unauthenticated, 403: { description: 'Administrator atau Penyedia Layanan' }, 422: { description: 'Layanan tidak dikenal' },
    },
    handler: async ({ params, body, principal }) => {
      const result = (await putStandardChange(deps, principal, params.code, body))!;
      return { status: result.created ? 201 as const : 200 as const, body: result.item };
    },
  });

  registry.route({
    method: 'get', path: '/change-blackouts', operationId: 'listChangeBlackouts', tags: ['changes'], scope: 'cases:read',
    summary: 'Masa larangan perubahan / Change blackout periods',
    responses: { 200: { description: 'Masa larangan', schema: blackoutListSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listBlackouts(deps, principal) }),
  });

  registry.route({
    method: 'post', path: '/change-blackouts', operationId: 'createChangeBlackout', tags: ['changes'], roles: CHANGE_ADMIN_ROLES,
    summary: 'Tetapkan masa larangan perubahan / Declare a blackout period',
    body: blackoutBody,
    responses: {
      201: { description: 'Masa larangan dicatat', schema: blackoutSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Administrator atau Penyedia Layanan' }, 422: { description: 'Layanan tidak dikenal atau rentang waktu tidak valid' },
    },
    handler: async ({ body, principal }) => ({ status: 201 as const, body: await createBlackout(deps, principal, body) }),
  });

  registry.route({
    method: 'delete', path: '/change-blackouts/:id', operationId: 'deleteChangeBlackout', tags: ['changes'], roles: CHANGE_ADMIN_ROLES,
    summary: 'Hapus masa larangan perubahan / Remove a blackout period',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Dihapus', schema: blackoutSchema }, ...unauthenticated, 403: { description: 'Administrator atau Penyedia Layanan' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await deleteBlackout(deps, principal, params.id) }),
  });
}
