// Request bodies of the request-fulfilment endpoints: validation and OpenAPI come from these.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createRequestBody = z.strictObject({
  catalogueItem: z.string().trim().min(1).max(64).describe('Kode item katalog layanan (Formulir A), mis. AKUN-EMAIL'),
  title: z.string().trim().min(3).max(200).describe('Judul singkat permintaan'),
  description: text(10_000).describe('Deskripsi permintaan layanan (Formulir D huruf b)'),
  channel: z.enum(['portal', 'email', 'phone', 'letter', 'integration']).default('portal'),
  requester: z.string().trim().min(1).max(100).optional().describe('Atas nama pengguna lain (Pengelola Layanan atau integrasi)'),
  documents: z.array(z.strictObject({ id: z.uuid(), kind: z.string().regex(/^[a-z_]+$/) })).max(20).default([])
    .describe('Dokumen yang telah diunggah (POST /api/v1/documents), mis. nota_dinas dan kerangka_acuan untuk DPR'),
});
export type CreateRequestBody = z.infer<typeof createRequestBody>;

export const actionBodies = {
  classify: z.strictObject({
    classification: z.enum(['fulfilment', 'incident', 'change']),
    priority: z.enum(['high', 'medium', 'low']),
    note: text(2000).optional(),
    incident: z.strictObject({
      service: z.string().trim().min(1).max(64).describe('Kode layanan yang terganggu'),
      impact: z.enum(['mayor', 'minor']),
      category: text(200),
    }).optional().describe('Wajib bila classification = incident: permintaan dilanjutkan sebagai penanganan gangguan'),
  }),
  decide: z.strictObject({ decision: z.enum(['approve', 'reject']), comment: text(2000).optional() }),
  assign: z.strictObject({ assignee: z.string().trim().min(1).max(100).describe('Nama pengguna pelaksana'), note: text(2000).optional() }),
  progress: z.strictObject({ note: text(4000) }),
  request_info: z.strictObject({ question: text(4000).describe('Pertanyaan kepada pemohon; jam SLA berhenti sementara') }),
  provide_info: z.strictObject({ answer: text(4000) }),
  fulfil: z.strictObject({ resolution: text(4000) }),
  confirm: z.strictObject({
    satisfaction: z.number().int().min(1).max(5).describe('Penilaian kepuasan 1 (Tidak Puas) sampai 5 (Memuaskan)'),
    suggestion: text(4000).optional(),
  }),
  reopen: z.strictObject({ reason: text(4000) }),
  cancel: z.strictObject({ reason: text(4000) }),
} as const;
export type ActionName = keyof typeof actionBodies;
export const actionNames = Object.keys(actionBodies) as ActionName[];

export const decisionBody = actionBodies.decide;
