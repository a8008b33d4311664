// Formulir C – Rencana Keberlangsungan Layanan (serang Lampiran, Formulir C; BAB IV A.1, A.3, C.3):
// one row per active service with the form's columns No, Layanan, Penyedia Layanan, Klasifikasi
// Sistem, Ketersediaan, RTO, RPO, plus what Sigap knows besides: the operating schedule, the DRP
// status and what the plan still lacks under the service's classification (continuityFlags).
import { z } from 'zod';
import { problem } from '../../api/http/problem.ts';
import { continuityFlags, drpStatusOf, type ContinuityFlag, type DrpStatus } from '../../policy/continuity.ts';
import type { Profile, ServiceClassification } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel } from '../types.ts';
import { NOT_SET, both, bpText, durationText, textOr } from './common/text.ts';

const TITLE = { id: 'Formulir C – Rencana Keberlangsungan Layanan', en: 'Form C – Service continuity plan' };

const SCHEDULE: Record<string, LocalText> = {
  '24x7': { id: '24 jam × 7 hari', en: '24 hours × 7 days' },
  '24x5': { id: '24 jam × 5 hari (Senin–Jumat)', en: '24 hours × 5 days (Monday–Friday)' },
  working_calendar: { id: 'Jam kerja (kalender kerja)', en: 'Working hours (business calendar)' },
};
const DRP: Record<DrpStatus, LocalText> = {
  approved: { id: 'Disetujui', en: 'Approved' }, pending: { id: 'Menunggu persetujuan', en: 'Awaiting approval' },
  missing: { id: 'Belum ada', en: 'None' }, rejected: { id: 'Ditolak', en: 'Rejected' },
};
const FLAG: Record<ContinuityFlag, LocalText> = {
  availability_target_missing: { id: 'Target ketersediaan belum ditetapkan', en: 'No availability target' },
  rto_rpo_missing: { id: 'RTO/RPO belum ditetapkan', en: 'No RTO/RPO' },
  drp_missing: { id: 'DRP belum ada', en: 'No DRP' },
  drp_unapproved: { id: 'DRP belum disetujui', en: 'DRP not approved' },
};

interface PlanRow {
  code: string; name: LocalText; provider: string | null; classification: ServiceClassification; has_plan: boolean;
  availability_target_bp: number | null; operating_schedule: string | null; rto_ms: string | number | null; rpo_ms: string | number | null;
  drp_versions: Array<{ version: number; status: string }> | null;
}

export interface ContinuityEntry {
  no: number; code: string; name: LocalText; provider: LocalText; classification: LocalText; availability: LocalText;
  schedule: LocalText; rto: LocalText; rpo: LocalText; drp: LocalText; flags: LocalText[];
}

export function continuityEntry(profile: Profile, r: PlanRow, no: number): ContinuityEntry {
  const rtoMs = r.rto_ms === null ? null : Number(r.rto_ms);
  const rpoMs = r.rpo_ms === null ? null : Number(r.rpo_ms);
  const drp = drpStatusOf(r.drp_versions ?? []);
  const flags = continuityFlags(profile, {
    classification: r.classification, drp,
    plan: r.has_plan ? { availabilityTargetBp: r.availability_target_bp, rtoMs, rpoMs } : null,
  });
  return {
    no, code: r.code, name: r.name, provider: textOr(r.provider),
    classification: profile.classification?.levels.find((l) => l.id === r.classification)?.title ?? both(r.classification),
    availability: r.availability_target_bp === null ? NOT_SET : bpText(r.availability_target_bp),
    schedule: r.operating_schedule ? SCHEDULE[r.operating_schedule] ?? both(r.operating_schedule) : NOT_SET,
    rto: rtoMs === null ? NOT_SET : durationText(rtoMs, 'calendar'),
    rpo: rpoMs === null ? NOT_SET : rpoMs === 0 ? { id: '0 (tanpa kehilangan data)', en: '0 (no data loss)' } : durationText(rpoMs, 'calendar'),
    drp: DRP[drp], flags: flags.map((f) => FLAG[f]),
  };
}

export function continuityModel(entries: ContinuityEntry[]): ReportModel {
  const cols: Array<{ key: keyof ContinuityEntry; title: LocalText; kind?: 'number' }> = [
    { key: 'no', title: { id: 'No', en: 'No' }, kind: 'number' },
    { key: 'name', title: { id: 'Layanan', en: 'Service' } },
    { key: 'provider', title: { id: 'Penyedia Layanan', en: 'Service provider' } },
    { key: 'classification', title: { id: 'Klasifikasi Sistem', en: 'Classification' } },
    { key: 'availability', title: { id: 'Ketersediaan', en: 'Availability target' } },
    { key: 'rto', title: { id: 'RTO', en: 'RTO' } },
    { key: 'rpo', title: { id: 'RPO', en: 'RPO' } },
    { key: 'schedule', title: { id: 'Waktu operasional', en: 'Operating schedule' } },
    { key: 'drp', title: { id: 'DRP', en: 'DRP' } },
  ];
  return {
    formulir: 'c', title: TITLE, filename: 'Formulir-C-Rencana-Keberlangsungan-Layanan',
    data: { services: entries },
    tables: [{
      id: 'continuity', title: { id: 'Rencana Keberlangsungan Layanan', en: 'Service continuity plan' },
      columns: [
        ...cols.map((c) => ({ key: c.key, title: c.title, kind: c.kind ?? 'text' as const })),
        { key: 'flags', title: { id: 'Kekurangan', en: 'Missing' }, kind: 'text' as const },
      ],
      rows: entries.map((e) => ({
        ...Object.fromEntries(cols.map((c) => { const v = e[c.key]; return [c.key, typeof v === 'number' ? v : (v as LocalText).id]; })),
        flags: e.flags.map((f) => f.id).join('; '),
      })),
    }],
    charts: {},
    empty: entries.length === 0,
  };
}

async function build(ctx: ReportContext, params: { service?: string | undefined }): Promise<ReportModel> {
  const rows = await ctx.em.execute<PlanRow[]>(
    `select s.code, s.name, s.provider, s.classification, (p.service_code is not null) as has_plan,
            p.availability_target_bp, p.operating_schedule, p.rto_ms, p.rpo_ms,
            (select json_agg(json_build_object('version', d.version, 'status', d.status))
               from drp_document d where d.tenant_id = s.tenant_id and d.service_code = s.code) as drp_versions
       from service s left join continuity_plan p on p.tenant_id = s.tenant_id and p.service_code = s.code
      where s.tenant_id = ? and s.active ${params.service ? 'and s.code = ?' : ''}
      order by s.code`,
    params.service ? [ctx.tenant.id, params.service] : [ctx.tenant.id],
  );
  if (params.service && rows.length === 0) throw problem(404, 'unknown_service', { code: params.service });
  return continuityModel(rows.map((r, i) => continuityEntry(ctx.profile, r, i + 1)));
}

function sample(): ReportModel {
  return continuityModel([continuityEntry(getProfile('serang'), {
    code: 'PERIZINAN', name: { id: 'Perizinan Online', en: 'Online licensing' }, provider: 'DPMPTSP', classification: 'kritis', has_plan: true,
    availability_target_bp: 9500, operating_schedule: '24x7', rto_ms: 86_400_000, rpo_ms: 86_400_000, drp_versions: [{ version: 1, status: 'pending' }],
  }, 1)]);
}

export const formulirC: ReportDefinition = {
  id: 'c', title: TITLE,
  description: { id: 'Rencana keberlangsungan layanan: klasifikasi, target ketersediaan, RTO, RPO dan status DRP setiap layanan', en: 'Service continuity plan: classification, availability target, RTO, RPO and DRP status of each service' },
  params: z.object({ service: z.string().min(1).max(64).optional() }),
  roles: 'staff',
  build,
  sample,
};
