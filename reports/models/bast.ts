// Berita Acara Serah Terima Layanan TI (dpr Pasal 15 ayat 3: the head of the IT unit hands the
// result of a successful release to the requester; Pasal 16: a 3-month maintenance period follows).
// One builder for both uses: the stored document the release workflow asks for at awaiting_handover
// (activities/releases.ts renderHandover) and GET /reports/bast?case=RLS-… (dpr only).
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportDefinition, ReportModel, ReportTable } from '../types.ts';
import { caseFor } from './common/cases.ts';
import { roleTitle } from './common/text.ts';
import { zoneLabel } from './drpEvaluation.ts';
import { arr, contentsOf, obj, sampleReleaseData, str, type Loose } from './releasePlan.ts';

const TITLE: LocalText = { id: 'Berita Acara Serah Terima Layanan TI', en: 'IT service handover certificate' };

export interface Signatory { name: string; username?: string | undefined; nip: string | null }

export interface HandoverInput {
  number: string;
  title: string;
  /** The release's read model (sigap_case.data) with what the workflow passes laid over it. */
  data: Loose;
  profile: Profile;
  timezone: string;
  /** The day the handover is drawn up (the document's date). */
  at: number;
  /** From the users (name, NIP) when the data does not name them. */
  headOfUnit?: Signatory | null | undefined;
  requester?: Signatory | null | undefined;
  /** Not handed over yet (GET /reports/bast before the handover): printed as a draft. */
  draft?: boolean | undefined;
}

const time = (v: unknown): number | null => {
  if (typeof v === 'number' || (typeof v === 'string' && v)) { const t = new Date(v).getTime(); return Number.isNaN(t) ? null : t; }
  return null;
};
const isoOf = (v: unknown): string | null => { const t = time(v); return t === null ? null : new Date(t).toISOString(); };

/** The BAST model; values the workflow passes win over the read model's. */
export function bastModel(input: HandoverInput): ReportModel {
  const d = input.data;
  const plan = obj(d.plan);
  const window = obj(d.window ?? plan.window);
  const change = typeof d.change === 'string' ? { number: d.change } : obj(d.change);
  const head = obj(d.headOfUnit);
  const requester = obj(d.requester);
  const headName = str(head.name) ?? input.headOfUnit?.name ?? null;
  const requesterName = str(requester.name) ?? input.requester?.name ?? null;
  const at = time(d.at) ?? input.at;
  const specs = new Map(arr(plan.evaluationCriteria).map(obj).map((c) => [String(c.id), String(c.title ?? c.id)]));
  const criteria = arr(d.criteriaResults ?? d.verification ?? d.criteria).map(obj).map((c) => {
    const passed = c.passed === true || c.outcome === 'succeeded';
    const key = String(c.criterion ?? c.id ?? '');
    return { title: str(c.title) ?? specs.get(key) ?? key, passed, verdict: passed ? { id: 'terpenuhi', en: 'met' } : { id: 'tidak terpenuhi', en: 'not met' }, detail: str(c.detail) ?? str(c.note) };
  });
  const headTitle = roleTitle(input.profile, input.profile.roles.some((r) => r.id === 'head_of_unit') ? 'head_of_unit' : null);
  const headRole: LocalText = headTitle.id === 'Belum ditetapkan' ? { id: 'Kepala unit kerja TI', en: 'Head of the IT unit' } : headTitle;
  const months = typeof d.maintenanceMonths === 'number' ? d.maintenanceMonths : input.profile.release?.maintenancePeriod?.period.months ?? null;
  const services = arr(d.services ?? change.services).map((s) => (typeof s === 'string' ? s : String(obj(s).code ?? ''))).filter(Boolean);
  const contents = contentsOf(d.contents ?? plan.contents);
  const tables: ReportTable[] = [{
    id: 'contents', title: { id: 'Isi rilis', en: 'Contents' },
    columns: [{ key: 'kind', title: { id: 'Jenis', en: 'Kind' } }, { key: 'name', title: { id: 'Nama', en: 'Name' } }, { key: 'version', title: { id: 'Versi', en: 'Version' } }],
    rows: contents.map((c) => ({ kind: c.kind.id, name: c.name, version: c.version })),
  }];
  const weekday = (lang: 'id-ID' | 'en-GB') => new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: input.timezone }).format(new Date(at));
  return {
    formulir: 'bast', title: TITLE, filename: `BAST-${input.number}`,
    data: {
      draft: input.draft === true,
      draftReason: input.draft !== true ? null
        : str(d.outcome) && d.outcome !== 'succeeded'
          ? { id: 'Rilis ini tidak berhasil; tidak ada serah terima (Pasal 15 ayat 3: serah terima atas rilis yang berhasil).', en: 'This release did not succeed; there is no handover (Article 15(3): a successful release is handed over).' }
          : { id: 'Rilis belum sampai tahap serah terima; draf ini untuk pemeriksaan, bukan berita acara yang sah.', en: 'The release has not reached the handover; this draft is for checking, not a valid certificate.' },
      number: `${str(d.number) ?? input.number}/BAST`, release: str(d.number) ?? input.number, title: str(d.title) ?? input.title,
      date: new Date(at).toISOString(), day: { id: weekday('id-ID'), en: weekday('en-GB') }, zone: zoneLabel(input.timezone),
      headOfUnit: { title: headRole, name: headName },
      requester: requesterName ? { name: requesterName, username: str(requester.username) ?? input.requester?.username ?? '' } : null,
      change: str(change.number), services,
      window: { start: isoOf(window.start), end: isoOf(window.end) },
      contents, criteria,
      maintenanceMonths: months, maintenanceUntil: isoOf(d.maintenanceUntil),
      signatures: [
        { role: { id: `Pihak Pertama, ${headRole.id}`, en: `First party, ${headRole.en}` }, name: headName, nip: input.headOfUnit?.nip ?? null, date: null },
        { role: { id: 'Pihak Kedua, Pemohon', en: 'Second party, the requester' }, name: requesterName, nip: input.requester?.nip ?? null, date: null },
      ],
    },
    tables, charts: {}, empty: false,
  };
}

/** The signatories' names and NIPs from the users: the one head of the IT unit, and the named requester. */
export async function handoverSignatories(em: EntityManager, tenantId: string, requester: string | null): Promise<{ headOfUnit: Signatory | null; requester: Signatory | null }> {
  const heads = await em.execute<Array<{ name: string; nip: string | null; username: string }>>(
    `select username, name, nip from app_user where tenant_id = ? and 'head_of_unit' = any(roles) order by username limit 2`, [tenantId]);
  const [req] = requester
    ? await em.execute<Array<{ name: string; nip: string | null; username: string }>>('select username, name, nip from app_user where tenant_id = ? and username = ?', [tenantId, requester])
    : [];
  // Several heads: the document leaves the line blank rather than guess.
  return { headOfUnit: heads.length === 1 ? heads[0]! : null, requester: req ?? null };
}

export const beritaAcara: ReportDefinition = {
  id: 'bast', title: TITLE,
  description: {
    id: 'Berita Acara Serah Terima hasil rilis layanan TI dari Pejabat Pimpinan Tinggi Pratama Unit TI kepada Pemohon (case=RLS-…; Pasal 15 ayat 3).',
    en: 'The handover certificate of a release from the head of the IT unit to the requester (case=RLS-…; Article 15(3)).',
  },
  params: z.object({ case: z.string().min(1).max(64) }),
  roles: 'staff',
  availableFor: (profile) => profile.release?.handover !== null && profile.release?.handover !== undefined,
  async build(ctx, params) {
    const row = await caseFor(ctx, params.case ?? '', 'release', 'bast');
    const handover = obj(row.data.handover);
    const people = await handoverSignatories(ctx.em, ctx.tenant.id, str(obj(row.data.requester).username));
    return bastModel({
      number: row.number, title: row.title, data: row.data, profile: ctx.profile, timezone: ctx.tenant.timezone,
      at: time(handover.renderedAt) ?? ctx.now, ...people,
      // Before the handover (Pasal 15 ayat 3: a successful release) the certificate is a draft to check.
      draft: !row.data.handover,
    });
  },
  sample: () => bastModel({
    number: 'RLS-2026-000003', title: 'Pembaruan SIMPEG 2.1', data: { ...sampleReleaseData(), maintenanceUntil: '2027-02-14T02:00:00.000Z' },
    profile: getProfile('dpr'), timezone: 'Asia/Jakarta', at: Date.parse('2026-11-14T08:00:00Z'),
    headOfUnit: { name: 'Kepala Biro TI', nip: '197001011990031001' }, requester: { name: 'Budi Pemohon', username: 'pemohon', nip: null },
  }),
};
