// Schemas of the catalogue administration (Formulir A): PUT /catalogue/{code} and the console's catalogue form.
import { z } from 'zod';

const localText = z.strictObject({ id: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const optionalText = z.string().trim().min(1).max(500).nullable().default(null);

export const catalogueCodeParams = z.object({ code: z.string().regex(/^[A-Z0-9-]{2,40}$/) });

/** The Formulir A fields an administrator sets. */
export const catalogueItemBody = z.strictObject({
  name: localText.describe('Nama layanan'),
  description: localText.describe('Deskripsi layanan'),
  group: z.string().trim().min(1).max(100).describe('Kelompok layanan (serang Tabel 4.2)'),
  fulfilmentTarget: z.strictObject({
    ms: z.number().int().min(60_000).max(366 * 24 * 3_600_000).describe('Target pemenuhan layanan dalam milidetik'),
    basis: z.enum(['calendar', 'working']).describe('Waktu kalender atau jam kerja'),
  }),
  requiresApproval: z.boolean(),
  approverRole: z.string().regex(/^[a-z_]+$/).nullable().default(null),
  requiredDocuments: z.array(z.string().regex(/^[a-z_]+$/)).max(10).default([]),
  provider: optionalText.describe('Penyedia Layanan'),
  serviceDesk: optionalText.describe('Pengelola Layanan'),
  technicalTeam: optionalText.describe('Pengelola Teknis'),
  accessInfo: optionalText.describe('Cara akses layanan'),
  availabilityTarget: optionalText.describe('Target ketersediaan layanan, mis. 95 %'),
  helpContact: optionalText.describe('Kontak permintaan bantuan'),
  helpHours: optionalText.describe('Waktu pelayanan bantuan'),
  availability: optionalText.describe('Ketersediaan layanan, mis. 24/7'),
});
export type CatalogueItemBody = z.output<typeof catalogueItemBody>;
