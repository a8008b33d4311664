// Alert intake bodies: Prometheus Alertmanager's webhook (payload version 4) and a generic JSON for
// other monitoring tools, and the per-alert outcomes the intake answers with.
import { z } from 'zod';
import { IMPACTS } from '../../policy/profile.ts';

/** RFC 3339 as monitoring tools send it: any fraction of a second (Go sends nanoseconds), Z or an offset. */
const timestamp = z.iso.datetime({ offset: true });
const labels = z.record(z.string(), z.string());

export const alertmanagerAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']).describe('firing: peringatan aktif; resolved: sudah pulih'),
  labels: labels.describe('Label peringatan. Dipakai: sigap_service (atau service), sigap_impact (mayor/minor), severity, alertname, instance'),
  annotations: labels.describe('Anotasi. Dipakai: summary dan description (gejala)'),
  startsAt: timestamp.describe('Awal episode peringatan; bersama fingerprint menjadi kunci idempotensi'),
  endsAt: timestamp.describe('Akhir peringatan (untuk resolved: waktu pulih; "0001-01-01T00:00:00Z" bila belum)'),
  generatorURL: z.string().max(4000).describe('Tautan ke sumber peringatan'),
  fingerprint: z.string().min(1).max(200).describe('Sidik jari peringatan (dihitung Alertmanager dari labelnya)'),
}).meta({ id: 'AlertmanagerAlert' });

export const alertmanagerWebhookBody = z.looseObject({
  version: z.literal('4').describe('Versi format webhook Alertmanager; hanya "4" yang diterima'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string(),
  alerts: z.array(alertmanagerAlert).min(1).max(1000),
}).meta({ id: 'AlertmanagerWebhook' });
export type AlertmanagerWebhookBody = z.infer<typeof alertmanagerWebhookBody>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const genericAlertBody = z.strictObject({
  source: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).describe('Nama alat pemantauan, mis. zabbix, uptime-kuma (huruf, angka, titik, garis bawah, tanda hubung)'),
  fingerprint: text(200).describe('Identitas tetap peringatan di alat itu; peringatan yang sama selalu membawa fingerprint yang sama'),
  status: z.enum(['firing', 'resolved']).describe('firing membuka (atau menambah hitungan ulang) gangguan; resolved mencatat pemulihan'),
  service: text(64).describe('Kode layanan yang terganggu (GET /api/v1/services)'),
  impact: z.enum(IMPACTS).optional().describe('Dampak mayor/minor; bila kosong: severity critical → mayor, selain itu minor'),
  severity: z.string().trim().max(32).optional().describe('Tingkat keparahan menurut alat pemantauan (critical, warning, …)'),
  title: text(200).describe('Judul peringatan; menjadi kategori gangguan'),
  description: text(10_000).optional().describe('Uraian; menjadi gejala (bila kosong: judul)'),
  instance: z.string().trim().min(1).max(100).optional().describe('Item konfigurasi terdampak; dicatat hanya bila termasuk layanan tersebut'),
  startsAt: timestamp.optional().describe('Awal episode peringatan. Disarankan: bersama fingerprint menjadi kunci idempotensi'),
  endsAt: timestamp.optional().describe('Waktu pulih (status resolved); bila kosong: waktu diterima'),
}).meta({ id: 'GenericAlert' });
export type GenericAlertBody = z.infer<typeof genericAlertBody>;

export const ALERT_OUTCOMES = ['opened', 'repeat', 'resolved', 'duplicate', 'ignored', 'rejected'] as const;
export type AlertOutcomeKind = (typeof ALERT_OUTCOMES)[number];

export const alertOutcomeSchema = z.object({
  index: z.number().int().describe('Urutan peringatan dalam kiriman (mulai 0)'),
  source: z.string(),
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  outcome: z.enum(ALERT_OUTCOMES).describe(
    'opened: gangguan baru dibuka; repeat: gangguan terbuka untuk peringatan ini sudah ada, hitungan ulang bertambah; '
    + 'resolved: pemulihan dicatat pada gangguan; duplicate: kiriman ulang yang sudah tercatat; '
    + 'ignored: tidak ada yang dicatat (lihat reason); rejected: peringatan ditolak (lihat reason), tidak ada gangguan dibuat',
  ),
  caseId: z.uuid().nullable(),
  number: z.string().nullable(),
  repeatCount: z.number().int().nullable().describe('Berapa kali peringatan datang lagi selama gangguannya terbuka'),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
}).meta({ id: 'AlertOutcome' });
export type AlertOutcome = z.infer<typeof alertOutcomeSchema>;

export const alertIntakeResult = z.object({
  received: z.number().int(),
  results: z.array(alertOutcomeSchema),
}).meta({ id: 'AlertIntakeResult' });

export const alertRecordSchema = z.object({
  source: z.string(),
  fingerprint: z.string(),
  alertName: z.string(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  caseState: z.string(),
  caseOpen: z.boolean(),
  status: z.enum(['firing', 'resolved']),
  startsAt: z.string().nullable(),
  lastStartsAt: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  repeatCount: z.number().int(),
  resolvedAt: z.string().nullable(),
}).meta({ id: 'AlertRecord' });
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export const alertListQuery = z.object({
  caseId: z.uuid().optional(),
  source: z.string().trim().min(1).max(64).optional(),
  fingerprint: z.string().trim().min(1).max(200).optional(),
  status: z.enum(['firing', 'resolved']).optional(),
});
