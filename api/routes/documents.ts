// Documents attached to requests (dpr Pasal 6 ayat 2: nota dinas, kerangka acuan). Stored in
// PostgreSQL with their SHA-256, so they are as durable as the case and covered by its backups.
import { createHash, randomUUID } from 'node:crypto';
import multer from 'multer';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { problem } from '../http/problem.ts';
import { documentSchema } from '../schemas/cases.ts';
import { canSee, loadCaseRow } from '../services/cases.ts';
import { requireCaseScope } from '../auth/scopes.ts';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 } });

interface DocRow { id: string; kind: string; filename: string; media_type: string; size_bytes: number; sha256: string; case_id: string | null; uploaded_by: string }
const toDoc = (r: DocRow) => ({ id: r.id, kind: r.kind, filename: r.filename, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, caseId: r.case_id });

export function registerDocumentRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/documents', operationId: 'uploadDocument', tags: ['documents'], scope: 'requests:create',
    summary: 'Unggah dokumen / Upload a document',
    description: 'multipart/form-data: file, kind (mis. nota_dinas, kerangka_acuan), sha256 opsional untuk verifikasi integritas.',
    bodyContentType: 'multipart/form-data',
    middleware: [(req, res, next) => {
      upload.single('file')(req, res, (err: unknown) => {
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') return next(problem(413, 'payload_too_large', { limit: MAX_DOCUMENT_BYTES }));
        if (err instanceof multer.MulterError) return next(problem(400, 'validation_failed', {}, { errors: [{ path: `body.${err.field ?? 'file'}`, message: err.message }] }));
        // Anything else multer reports (memory storage: no I/O) is a broken multipart body: no boundary, a cut-off part.
        if (err) return next(problem(400, 'validation_failed', {}, { errors: [{ path: 'body', messageKey: 'multipart_malformed' }] }));
        next();
      });
    }],
    body: z.object({ kind: z.string().regex(/^[a-z_]{1,40}$/), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
    responses: { 201: { description: 'Dokumen tersimpan', schema: documentSchema }, 400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 413: { description: 'Terlalu besar' } },
    handler: async ({ req, body, principal }) => {
      const file = req.file;
      if (!file) throw problem(400, 'validation_failed', {}, { errors: [{ path: 'body.file', messageKey: 'file_required' }] });
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      if (body.sha256 && body.sha256 !== sha256) throw problem(400, 'checksum_mismatch', { expected: body.sha256, actual: sha256 });
      const id = randomUUID();
      const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
      await deps.orm.em.fork().execute(
        `insert into document (id, tenant_id, case_id, kind, filename, media_type, size_bytes, sha256, content, uploaded_by, created_at)
         values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, now())`,
        [id, principal.tenantId, body.kind, filename, file.mimetype || 'application/octet-stream', file.size, sha256, file.buffer, principal.username],
      );
      return { status: 201 as const, body: { id, kind: body.kind, filename, mediaType: file.mimetype || 'application/octet-stream', sizeBytes: file.size, sha256, caseId: null }, headers: { Location: `/api/v1/documents/${id}` } };
    },
  });

  registry.route({
    method: 'get', path: '/documents/:id', operationId: 'downloadDocument', tags: ['documents'], scope: 'cases:read',
    summary: 'Unduh dokumen / Download a document',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Isi dokumen', contentType: 'application/octet-stream' }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ res, params, principal }) => {
      const em = deps.orm.em.fork();
      const [row] = await em.execute<Array<DocRow & { content: Buffer }>>('select id, kind, filename, media_type, size_bytes, sha256, case_id, uploaded_by, content from document where tenant_id = ? and id = ?', [principal.tenantId, params.id]);
      if (!row) throw problem(404, 'not_found');
      const kase = row.uploaded_by === principal.username || row.case_id === null ? null : await loadCaseRow(em, principal.tenantId, row.case_id);
      const allowed = row.uploaded_by === principal.username || (kase !== null && canSee(principal, kase));
      if (!allowed) throw problem(404, 'not_found');
      if (kase) requireCaseScope(principal, kase.case_type, 'read'); // a case's document is read like the case
      res.setHeader('Content-Type', row.media_type);
      res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.filename)}`);
      res.setHeader('Digest', `sha-256=${Buffer.from(row.sha256, 'hex').toString('base64')}`);
      res.status(200).send(row.content);
    },
  });
  void toDoc;
}
