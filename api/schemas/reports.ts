// Query and bodies of the reports endpoints: GET /reports, GET /reports/{formulir}, /report-templates.
// The report's own params (case, service, month, from, to) are validated by its definition, after the
// generic checks here (format, lang, the period's order).
import { z } from 'zod';
import { FORMULIR_IDS, TEMPLATE_PARTIALS } from '../../reports/types.ts';

const localText = z.object({ id: z.string(), en: z.string() });
const lang = z.enum(['id', 'en']);
const text = z.string().trim().min(1).max(100);

export const reportFormats = ['html', 'pdf', 'csv', 'xlsx'] as const;

export const reportQuery = z.object({
  format: z.enum(reportFormats).default('html').describe('html (siap cetak), pdf (A4), csv (satu tabel), xlsx (semua tabel)'),
  lang: lang.optional().describe('Bahasa laporan; bawaan: bahasa permintaan (Accept-Language), Bahasa Indonesia bila tidak disebut'),
  case: text.optional().describe('Nomor atau id kasus (Formulir D, E, F, G, H, I, BAST)'),
  service: text.optional().describe('Kode layanan (Formulir C)'),
  month: text.optional().describe('Bulan YYYY-MM (Formulir F diukur langsung)'),
  from: text.optional().describe('Awal periode, tanggal lokal YYYY-MM-DD'),
  to: text.optional().describe('Akhir periode, tanggal lokal YYYY-MM-DD (termasuk)'),
  table: z.string().trim().min(1).max(60).optional().describe('CSV: id tabel; bawaan tabel pertama'),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const formulirParams = z.object({ formulir: z.string().min(1).max(40).describe(`Id laporan: ${FORMULIR_IDS.join(', ')}`) });

export const reportListSchema = z.object({
  items: z.array(z.object({
    id: z.enum(FORMULIR_IDS),
    title: localText,
    description: localText,
    params: z.array(z.string()).describe('Parameter yang dibaca laporan ini'),
    formats: z.array(z.enum(reportFormats)),
    ownCase: z.boolean().describe('Pemohon/pelapor boleh membaca laporan atas kasusnya sendiri'),
    href: z.string(),
  })),
}).meta({ id: 'ReportList' });

const templateName = z.string().min(1).max(40).describe(`Nama templat: ${[...FORMULIR_IDS, ...TEMPLATE_PARTIALS].join(', ')}`);
export const templateParams = z.object({ name: templateName, lang });

const templateSummary = z.object({
  name: z.string(), lang, source: z.enum(['builtin', 'tenant']), version: z.number().int().nullable(),
  updatedAt: z.string().nullable(), updatedBy: z.string().nullable(), builtIn: z.boolean(),
});
export const templateListSchema = z.object({ items: z.array(templateSummary) }).meta({ id: 'ReportTemplateList' });
export const templateSchema = templateSummary.extend({ body: z.string(), sha256: z.string() }).meta({ id: 'ReportTemplate' });
export const templateVersionsSchema = z.object({
  items: z.array(z.object({ version: z.number().int(), active: z.boolean(), sha256: z.string(), createdAt: z.string(), createdBy: z.string() })),
}).meta({ id: 'ReportTemplateVersions' });

/** 200 000 characters: far above any letterhead or form, far below the JSON body limit. */
export const templateBody = z.strictObject({
  body: z.string().min(1).max(200_000).describe('Teks templat Handlebars (HTML); isian lihat reports/engine.ts'),
});
