// The continuous-improvement register (dpr Pasal 22–24: «daftar register Perbaikan Berkelanjutan yang
// memuat rekomendasi perbaikan», Pasal 23; recommendations internal or with third parties, Pasal 24):
// every improvement_action of the tenant — dpr's register entries and the follow-up actions of
// published evaluations — with its method, kind, owner, due date, status and resolution. Other
// profiles get the same list as the register of evaluation follow-ups. `from`/`to` (optional) keep
// the entries recorded in that period.
import { z } from 'zod';
import { isValidLocalDate } from '../../policy/calendarTypes.ts';
import { periodOf } from '../../policy/evaluationPeriod.ts';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel, ReportParams } from '../types.ts';
import { NONE, both, iso, roleTitle } from './common/text.ts';

const DEFAULT_TITLE = { id: 'Daftar Register Perbaikan Berkelanjutan', en: 'Continuous-improvement register' };
/** Profiles without dpr's register: the same table lists the follow-up actions of their evaluations. */
const FOLLOW_UP_TITLE = { id: 'Daftar Tindak Lanjut Evaluasi', en: 'Register of evaluation follow-up actions' };
const STATUS: Record<string, LocalText> = {
  open: { id: 'Belum selesai', en: 'Open' }, done: { id: 'Selesai', en: 'Done' }, dropped: { id: 'Dibatalkan', en: 'Dropped' },
};

export interface ActionRow {
  number: string; origin: 'evaluation' | 'register'; evaluation_number: string | null; chapter: string | null; description: string;
  method: string | null; recommendation_kind: string | null; owner_role: string | null; due_on: string | null; status: string;
  resolution: string | null; resolved_at: Date | string | null; created_at: Date | string;
}

function titled(list: Array<{ id: string; title: LocalText }> | undefined, id: string | null): LocalText {
  if (id === null) return NONE;
  return list?.find((x) => x.id === id)?.title ?? both(id);
}

export function registerModel(profile: Profile, rows: ActionRow[], period: { title: LocalText; fromDate: string; toDate: string } | null): ReportModel {
  const imp = profile.evaluation.improvement;
  const entries = rows.map((r, i) => ({
    no: i + 1, number: r.number, recommendation: r.description,
    origin: r.origin === 'evaluation'
      ? { id: `Evaluasi ${r.evaluation_number ?? ''}${r.chapter ? ` bab ${r.chapter}` : ''}`.trim(), en: `Evaluation ${r.evaluation_number ?? ''}${r.chapter ? ` chapter ${r.chapter}` : ''}`.trim() }
      : { id: 'Register', en: 'Register' },
    method: titled(imp?.methods, r.method), kind: titled(imp?.recommendationKinds, r.recommendation_kind),
    owner: r.owner_role === null ? NONE : roleTitle(profile, r.owner_role), dueOn: r.due_on, status: STATUS[r.status] ?? both(r.status),
    resolution: r.resolution ?? '–', resolvedAt: iso(r.resolved_at), createdAt: iso(r.created_at)!,
  }));
  const title = imp ? { id: imp.register.value.id, en: imp.register.value.en } : FOLLOW_UP_TITLE;
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    formulir: 'improvement-register', title, filename: 'Register-Perbaikan-Berkelanjutan',
    data: {
      number: null, period: period?.title ?? null, entries,
      totals: { all: rows.length, open: count('open'), done: count('done'), dropped: count('dropped') },
      hasMethods: imp !== null,
    },
    tables: [{
      id: 'register', title,
      columns: [
        { key: 'number', title: { id: 'Nomor', en: 'Number' } },
        { key: 'recommendation', title: { id: 'Rekomendasi perbaikan', en: 'Recommendation' } },
        { key: 'origin', title: { id: 'Asal', en: 'Origin' } },
        { key: 'method', title: { id: 'Metode', en: 'Method' } },
        { key: 'kind', title: { id: 'Jenis rekomendasi', en: 'Kind' } },
        { key: 'owner', title: { id: 'Penanggung jawab', en: 'Owner' } },
        { key: 'dueOn', title: { id: 'Batas waktu', en: 'Due' }, kind: 'date' },
        { key: 'status', title: { id: 'Status', en: 'Status' } },
        { key: 'resolution', title: { id: 'Penyelesaian', en: 'Resolution' } },
      ],
      rows: entries.map((e) => ({
        number: e.number, recommendation: e.recommendation, origin: e.origin.id, method: e.method.id, kind: e.kind.id, owner: e.owner.id,
        dueOn: e.dueOn, status: e.status.id, resolution: e.resolution,
      })),
    }],
    charts: {},
    empty: rows.length === 0,
  };
}

async function build(ctx: ReportContext, params: ReportParams): Promise<ReportModel> {
  const period = params.from !== undefined && params.to !== undefined ? periodOf({ fromDate: params.from, toDate: params.to }, ctx.profile.timezone) : null;
  const rows = await ctx.em.execute<ActionRow[]>(
    `select a.number, a.origin, c.number as evaluation_number, a.chapter, a.description, a.method, a.recommendation_kind, a.owner_role,
            to_char(a.due_on, 'YYYY-MM-DD') as due_on, a.status, a.resolution, a.resolved_at, a.created_at
       from improvement_action a left join sigap_case c on c.id = a.evaluation_case_id
      where a.tenant_id = ? ${period ? 'and a.created_at >= ? and a.created_at < ?' : ''}
      order by a.created_at, a.number`,
    period ? [ctx.tenant.id, period.from, period.to] : [ctx.tenant.id],
  );
  return registerModel(ctx.profile, rows, period);
}

function sample(): ReportModel {
  return registerModel(getProfile('dpr'), [
    {
      number: 'TL-2026-0001', origin: 'register', evaluation_number: null, chapter: null, description: 'Studi banding layanan TI ke instansi lain',
      method: 'benchmarking', recommendation_kind: 'with_third_party', owner_role: 'head_of_unit', due_on: '2026-09-30', status: 'done',
      resolution: 'Dilaksanakan', resolved_at: '2026-09-01T03:00:00.000Z', created_at: '2026-02-01T03:00:00.000Z',
    },
    {
      number: 'TL-2026-0002', origin: 'evaluation', evaluation_number: 'EVL-2026-000001', chapter: 'A', description: 'Menambah petugas layanan',
      method: null, recommendation_kind: null, owner_role: 'service_desk', due_on: null, status: 'open',
      resolution: null, resolved_at: null, created_at: '2026-07-10T03:00:00.000Z',
    },
  ], { title: { id: 'Tahun 2026', en: 'Year 2026' }, fromDate: '2026-01-01', toDate: '2026-12-31' });
}

const localDate = z.string().refine(isValidLocalDate, { message: 'tanggal YYYY-MM-DD / a date YYYY-MM-DD' });

export const improvementRegister: ReportDefinition = {
  id: 'improvement-register', title: DEFAULT_TITLE,
  description: {
    id: 'Register perbaikan berkelanjutan: rekomendasi perbaikan dan tindak lanjut evaluasi dengan metode, jenis, penanggung jawab, batas waktu dan status (from/to opsional)',
    en: 'Continuous-improvement register: recommendations and evaluation follow-ups with method, kind, owner, due date and status (optional from/to)',
  },
  params: z.object({ from: localDate.optional(), to: localDate.optional() })
    .refine((p) => (p.from === undefined) === (p.to === undefined), { message: 'from dan to bersama / from and to together' }),
  roles: 'staff',
  build,
  sample,
};
