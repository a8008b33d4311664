// Request and response bodies of availability: downtime entered by hand, the measured availability
// of a month, the on-demand monthly report and the actions on a report (prepare, acknowledge).
import { z } from 'zod';

const code = z.string().trim().regex(/^[A-Z0-9-]{2,40}$/);
const instant = z.iso.datetime({ offset: true });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe('Bulan, format YYYY-MM (mis. 2026-11)');

export const downtimeBody = z.strictObject({
  service: code.describe('Kode layanan (GET /api/v1/services)'),
  start: instant.describe('Awal gangguan (ISO 8601); tidak di masa depan'),
  end: instant.nullable().optional().describe('Akhir gangguan; kosong bila masih berlangsung; setelah awal, tidak di masa depan'),
  cause: z.string().trim().min(3).max(2000).describe('Penyebab / keterangan gangguan'),
});
export type DowntimeBody = z.infer<typeof downtimeBody>;

export const downtimeQuery = z.object({
  service: code.optional(),
  from: instant.optional(),
  to: instant.optional(),
});

export const downtimeSchema = z.object({
  id: z.uuid(), service: z.string(), start: z.string(), end: z.string().nullable(), source: z.enum(['manual', 'disaster']), sourceRef: z.string().nullable(),
  cause: z.string(), recordedBy: z.string(), recordedAt: z.string(),
}).meta({ id: 'Downtime' });
export const downtimeListSchema = z.object({ items: z.array(downtimeSchema) }).meta({ id: 'DowntimeList' });

export const availabilityQuery = z.object({ month, service: code.optional() });

const sourceSchema = z.object({
  kind: z.enum(['incident', 'alert', 'manual', 'disaster', 'release']), ref: z.string(), start: z.string(), end: z.string(), open: z.boolean(), cause: z.string().nullable(),
});

export const availabilitySchema = z.object({
  month: z.string(),
  period: z.object({ start: z.string(), end: z.string() }),
  measuredAt: z.string(),
  services: z.array(z.object({
    service: z.string(), name: z.string(), classification: z.string().nullable(),
    schedule: z.enum(['24x7', '24x5', 'working_calendar']),
    committedMs: z.number().int(), downtimeMs: z.number().int(), maintenanceExcludedMs: z.number().int(),
    basisPoints: z.number().int().nullable(), availability: z.number().nullable().describe('Persen, dua desimal (dibulatkan ke bawah)'),
    target: z.number().nullable(), targetSource: z.enum(['continuity_plan', 'catalogue']).nullable(), met: z.boolean().nullable(),
    sources: z.object({ downtime: z.array(sourceSchema), maintenance: z.array(sourceSchema) }),
  })),
}).meta({ id: 'Availability' });

export const availabilityReportBody = z.strictObject({ month });

export const availabilityActionBodies = {
  prepare: z.strictObject({
    services: z.array(z.strictObject({
      service: code,
      utilisation: z.string().trim().max(4000).optional().describe('Utilisasi sumber daya: CPU, RAM, penyimpanan, bandwidth (serang C.2.3 b)'),
      causes: z.string().trim().max(4000).optional().describe('Penyebab tidak tercapainya target; wajib bila target tidak tercapai (serang C.2.3 c)'),
      improvements: z.array(z.string().trim().min(1).max(1000)).max(20).optional().describe('Peluang peningkatan'),
    })).max(200).describe('Isian per layanan; layanan yang tidak tercapai targetnya wajib diberi penyebab'),
  }),
  acknowledge: z.strictObject({ note: z.string().trim().max(4000).optional().describe('Catatan Penyedia Layanan') }),
};
