// Formulir D – Permintaan Layanan (serang Lampiran: «Formulir tidak disediakan»; the fields are those
// of BAB IV B.2 and spec §1.6): requester, description, date/time, classification, approval, executor,
// confirmation date/time, satisfaction and suggestion — from the request's read model (sigap_case.data
// holds the Formulir D projection, policy/requestFulfilment.ts RequestSnapshot.formD) and its audit
// trail as the timeline.
import { z } from 'zod';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { RequestSnapshot } from '../../policy/requestFulfilment.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel } from '../types.ts';
import { caseFor, timelineOf, timelineTable, type TimelineEntry } from './common/cases.ts';
import { namesOf } from './common/people.ts';
import { NONE, both, durationText, iso, metText, roleTitle, textOr } from './common/text.ts';

const TITLE = { id: 'Formulir D – Permintaan Layanan', en: 'Form D – Service request' };

const CLASSIFICATION: Record<string, LocalText> = {
  fulfilment: { id: 'Pemenuhan permintaan layanan', en: 'Request fulfilment' },
  incident: { id: 'Gangguan (dialihkan ke penanganan gangguan)', en: 'Incident (moved to incident handling)' },
  change: { id: 'Perubahan (dialihkan ke manajemen perubahan)', en: 'Change (moved to change management)' },
};
const PRIORITY: Record<string, LocalText> = {
  high: { id: 'Tinggi', en: 'High' }, medium: { id: 'Sedang', en: 'Medium' }, low: { id: 'Rendah', en: 'Low' },
};
const DECISION: Record<string, LocalText> = { approve: { id: 'Disetujui', en: 'Approved' }, reject: { id: 'Ditolak', en: 'Rejected' } };

type FormD = RequestSnapshot['formD'];
const NOT_REQUIRED: LocalText = { id: 'Tidak diperlukan', en: 'Not required' };
const NOT_YET: LocalText = { id: 'Belum', en: 'Not yet' };

export interface RequestFormFacts {
  number: string; title: string; state: string; item: { code: string | null; name: LocalText };
  form: FormD; requiresApproval: boolean; target: { ms: number; basis: 'calendar' | 'working' } | null;
  dueAt: string | null; slaMet: boolean | null; closedAt: string | null;
  name: (u: string | null | undefined) => string | null; timeline: TimelineEntry[];
}

export function requestFormModel(profile: Profile, f: RequestFormFacts): ReportModel {
  const d = f.form;
  const rating = d.satisfaction === null ? NOT_YET : both(`${d.satisfaction} / 5`);
  const data = {
    number: f.number, period: null, title: f.title, state: f.state, item: f.item,
    requester: { name: d.requester.name, username: d.requester.username },
    description: d.description, submittedAt: d.submittedAt,
    classification: d.classification ? CLASSIFICATION[d.classification] ?? both(d.classification) : NOT_YET,
    priority: d.priority ? PRIORITY[d.priority] ?? both(d.priority) : NONE,
    approval: d.approval
      ? { decision: DECISION[d.approval.decision] ?? both(d.approval.decision), name: f.name(d.approval.by), at: d.approval.at, comment: d.approval.comment }
      : null,
    approvalText: d.approval ? null : f.requiresApproval ? NOT_YET : NOT_REQUIRED,
    executor: d.executor ? d.executor.name : null,
    resolution: d.resolution ? { at: d.resolution.at, name: f.name(d.resolution.by), text: d.resolution.text } : null,
    confirmedAt: d.confirmedAt,
    satisfaction: rating,
    suggestion: textOr(d.suggestion, NONE),
    cancellation: d.cancellation,
    target: f.target ? durationText(f.target.ms, f.target.basis) : NONE,
    dueAt: f.dueAt, slaMet: metText(f.slaMet), closedAt: f.closedAt,
    timeline: f.timeline.map((e) => ({ at: e.at, name: e.actorName, role: e.role === null ? NONE : roleTitle(profile, e.role), action: e.action.replaceAll('_', ' ') })),
    signatures: [
      { role: { id: 'Pemohon', en: 'Requester' }, name: d.requester.name, nip: null, date: d.confirmedAt },
      { role: { id: 'Pelaksana', en: 'Executor' }, name: d.executor?.name ?? null, nip: null, date: d.resolution?.at ?? null },
    ],
  };
  return {
    formulir: 'd', title: TITLE, filename: `Formulir-D-${f.number}`,
    data,
    tables: [timelineTable(data.timeline)],
    charts: {},
    empty: false,
  };
}

async function build(ctx: ReportContext, params: { case?: string | undefined }): Promise<ReportModel> {
  const row = await caseFor(ctx, params.case, 'request', 'd');
  const form = row.data as unknown as FormD;
  const [item] = await ctx.em.execute<Array<{ name: LocalText; requires_approval: boolean; fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working' }>>(
    'select name, requires_approval, fulfilment_target_ms, target_basis from catalogue_item where tenant_id = ? and code = ?', [ctx.tenant.id, row.service_code],
  );
  // The target the request was submitted with is in its SLA clock; the catalogue may have changed since.
  const clock = row.sla[0];
  const target = clock ? { ms: clock.targetMs, basis: clock.basis } : item ? { ms: Number(item.fulfilment_target_ms), basis: item.target_basis } : null;
  const name = await namesOf(ctx, [form.approval?.by, form.resolution?.by]);
  return requestFormModel(ctx.profile, {
    number: row.number, title: row.title, state: row.state, item: { code: row.service_code, name: item?.name ?? both(row.service_code ?? '–') },
    form, requiresApproval: item?.requires_approval ?? false, target,
    dueAt: iso(row.due_at), slaMet: row.sla_met, closedAt: iso(row.closed_at), name, timeline: await timelineOf(ctx, row.id),
  });
}

export function sampleRequestForm(): FormD {
  return {
    requester: { username: 'pemohon', name: 'Siti Pemohon' }, description: 'Mohon dibuatkan akun surel dinas untuk pegawai baru.',
    submittedAt: '2026-03-02T01:00:00.000Z', classification: 'fulfilment', priority: 'medium',
    approval: { decision: 'approve', by: 'penyedia', at: '2026-03-02T02:00:00.000Z', comment: 'Setuju' },
    executor: { username: 'teknis', name: 'Tono Teknis' }, resolution: { at: '2026-03-02T03:00:00.000Z', by: 'teknis', text: 'Akun dibuat' },
    confirmedAt: '2026-03-02T04:00:00.000Z', satisfaction: 5, suggestion: 'Cepat', cancellation: null, reopenCount: 0, infoRequests: [], documents: [],
  };
}

function sample(): ReportModel {
  return requestFormModel(getProfile('serang'), {
    number: 'REQ-2026-000001', title: 'Akun surel pegawai baru', state: 'closed', item: { code: 'AKUN-EMAIL', name: { id: 'Pembuatan akun surel', en: 'E-mail account' } },
    form: sampleRequestForm(), requiresApproval: true, target: { ms: 10_800_000, basis: 'calendar' },
    dueAt: '2026-03-02T04:00:00.000Z', slaMet: true, closedAt: '2026-03-02T04:00:00.000Z', name: (u) => u ?? null,
    timeline: [{ seq: 1, at: '2026-03-02T01:00:00.000Z', actor: 'pemohon', actorName: 'Siti Pemohon', role: 'requester', action: 'submitted' }],
  });
}

export const formulirD: ReportDefinition = {
  id: 'd', title: TITLE,
  description: { id: 'Formulir permintaan layanan: pemohon, uraian, klasifikasi, persetujuan, pelaksana, konfirmasi dan kepuasan', en: 'Service request form: requester, description, classification, approval, executor, confirmation and satisfaction' },
  params: z.object({ case: z.string().min(1).max(64) }),
  roles: 'staff',
  ownCase: true,
  build,
  sample,
};
