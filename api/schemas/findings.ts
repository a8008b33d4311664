// Findings the processes record for the evaluation (table `finding`).
import { z } from 'zod';

export const FINDING_PROCESSES = ['change', 'release', 'incident', 'problem', 'request', 'disaster', 'evaluation'] as const;

export const findingQuery = z.object({
  process: z.enum(FINDING_PROCESSES).optional().describe('Proses asal temuan'),
  kind: z.string().trim().min(1).max(100).optional().describe('Jenis temuan, mis. retrospective_approval_overdue'),
  from: z.iso.date().optional().describe('Sejak tanggal (YYYY-MM-DD, zona waktu instansi)'),
  to: z.iso.date().optional().describe('Sampai dengan tanggal (YYYY-MM-DD, inklusif)'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FindingQuery = z.infer<typeof findingQuery>;

export const findingSchema = z.object({
  id: z.uuid(),
  process: z.enum(FINDING_PROCESSES),
  kind: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
  summary: z.object({ id: z.string(), en: z.string() }),
  detail: z.record(z.string(), z.unknown()),
  case: z.object({ id: z.uuid(), number: z.string().nullable() }).nullable(),
  recordedAt: z.iso.datetime(),
});

export const findingListSchema = z.object({ items: z.array(findingSchema), page: z.number(), pageSize: z.number(), total: z.number() });
