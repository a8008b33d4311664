// Formulir E – Penanganan Gangguan (serang Lampiran: «Formulir tidak disediakan»; the fields are those
// of BAB IV B.3 and spec §2.1): date/time, reporter, report channel, category, urgency, impact,
// priority, confirmation channel, symptoms, status, affected configuration items, technical handler,
// activities, cause, confirmation by the reporter and closing time — from the incident's read model
// (sigap_case.data is policy/incident.ts incidentSnapshot().formE) and its audit trail.
import { z } from 'zod';
import type { IncidentSnapshot } from '../../policy/incident.ts';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel } from '../types.ts';
import { caseFor, timelineOf, timelineTable, type TimelineEntry } from './common/cases.ts';
import { namesOf } from './common/people.ts';
import { NONE, both, iso, metText, roleTitle, textOr } from './common/text.ts';

const TITLE = { id: 'Formulir E – Penanganan Gangguan', en: 'Form E – Incident handling' };

const CHANNEL: Record<string, LocalText> = {
  phone: { id: 'Telepon', en: 'Phone' }, letter: { id: 'Surat', en: 'Letter' }, email: { id: 'Surel', en: 'E-mail' },
  portal: { id: 'Portal layanan', en: 'Service portal' }, monitoring: { id: 'Sistem pemantauan', en: 'Monitoring system' },
};
const STATUS: Record<string, LocalText> = {
  reported: { id: 'Dilaporkan', en: 'Reported' }, handling_desk: { id: 'Ditangani Pengelola Layanan', en: 'With the service desk' },
  handling_technical: { id: 'Ditangani Pengelola Teknis', en: 'With the technical team' },
  awaiting_confirmation: { id: 'Menunggu konfirmasi pelapor', en: 'Awaiting the reporter’s confirmation' }, closed: { id: 'Selesai', en: 'Closed' },
};

type FormE = IncidentSnapshot['formE'];

export interface IncidentFormFacts {
  number: string; title: string; form: FormE; slaMet: boolean | null; closedAt: string | null;
  name: (u: string | null | undefined) => string | null; timeline: TimelineEntry[];
}

export function incidentFormModel(profile: Profile, f: IncidentFormFacts): ReportModel {
  const e = f.form;
  const impact = profile.incident?.impacts.find((i) => i.id === e.impact)?.title ?? both(e.impact);
  const priority = e.priority ? profile.incident?.priorities.find((p) => p.id === e.priority)?.title ?? both(e.priority) : NONE;
  const urgency = e.maintenance ? both(`${e.maintenance.urgency}`) : priority;
  const data = {
    number: f.number, period: null, title: f.title,
    reportedAt: e.reportedAt, reporter: e.reporter.name, channel: CHANNEL[e.channel] ?? both(e.channel), category: e.category,
    urgency, impact, priority, confirmationChannel: CHANNEL[e.confirmationChannel] ?? both(e.confirmationChannel),
    symptoms: e.symptoms, status: STATUS[e.status] ?? both(e.status),
    service: { code: e.service.code, name: e.service.name },
    configurationItems: e.configurationItems,
    technicalHandler: e.technicalHandler ? e.technicalHandler.name : null,
    activities: e.activities.map((a) => ({ at: a.at, name: f.name(a.by), note: a.note })),
    cause: textOr(e.cause, NONE),
    resolution: e.resolution ? { at: e.resolution.at, name: f.name(e.resolution.by), text: e.resolution.text } : null,
    confirmedAt: e.confirmedAt, closedAt: e.closedAt ?? f.closedAt,
    satisfaction: e.satisfaction === null ? NONE : both(`${e.satisfaction} / 5`),
    suggestion: textOr(e.suggestion, NONE),
    slaMet: metText(f.slaMet), security: e.security,
    timeline: f.timeline.map((t) => ({ at: t.at, name: t.actorName, role: t.role === null ? NONE : roleTitle(profile, t.role), action: t.action.replaceAll('_', ' ') })),
    signatures: [
      { role: { id: 'Pelapor', en: 'Reporter' }, name: e.reporter.name, nip: null, date: e.confirmedAt },
      { role: { id: 'Penangan', en: 'Handler' }, name: e.technicalHandler?.name ?? f.name(e.resolution?.by) ?? null, nip: null, date: e.resolution?.at ?? null },
    ],
  };
  return {
    formulir: 'e', title: TITLE, filename: `Formulir-E-${f.number}`,
    data,
    tables: [
      {
        id: 'activities', title: { id: 'Aktivitas penanganan', en: 'Handling activities' },
        columns: [
          { key: 'at', title: { id: 'Waktu', en: 'Time' }, kind: 'datetime' },
          { key: 'name', title: { id: 'Oleh', en: 'By' } },
          { key: 'note', title: { id: 'Aktivitas', en: 'Activity' } },
        ],
        rows: data.activities.map((a) => ({ at: a.at, name: a.name, note: a.note })),
      },
      timelineTable(data.timeline),
    ],
    charts: {},
    empty: false,
  };
}

async function build(ctx: ReportContext, params: { case?: string | undefined }): Promise<ReportModel> {
  const row = await caseFor(ctx, params.case, 'incident', 'e');
  const form = row.data as unknown as FormE;
  const name = await namesOf(ctx, [...form.activities.map((a) => a.by), form.resolution?.by]);
  return incidentFormModel(ctx.profile, {
    number: row.number, title: row.title, form, slaMet: row.sla_met, closedAt: iso(row.closed_at), name, timeline: await timelineOf(ctx, row.id),
  });
}

function sample(): ReportModel {
  const at = '2026-03-02T01:00:00.000Z';
  const form = {
    reportedAt: at, reporter: { username: 'pemohon', name: 'Siti Pemohon' }, channel: 'phone', category: 'aplikasi', impact: 'mayor', priority: 'P1', urgency: 'P1',
    maintenance: null, confirmationChannel: 'phone', symptoms: 'Aplikasi tidak dapat diakses', status: 'closed', configurationItems: ['srv-app-01'],
    service: { code: 'SIMPEG', name: 'SIMPEG', serviceType: 'administrasi', classification: 'esensial' },
    technicalHandler: { username: 'teknis', name: 'Tono Teknis' }, level: 2, estimate: null,
    activities: [{ at, by: 'teknis', note: 'Layanan web dijalankan ulang' }], cause: 'Memori server penuh',
    resolution: { at, by: 'teknis', text: 'Memori ditambah', cause: 'Memori server penuh' }, confirmedAt: at, satisfaction: 4, suggestion: null, closedAt: at,
    reopenCount: 0, reassessments: [], proposals: [], security: false, origin: null,
  } as FormE;
  return incidentFormModel(getProfile('serang'), {
    number: 'INC-2026-000001', title: 'SIMPEG tidak dapat diakses', form, slaMet: true, closedAt: at, name: (u) => u ?? null,
    timeline: [{ seq: 1, at, actor: 'pemohon', actorName: 'Siti Pemohon', role: 'requester', action: 'reported' }],
  });
}

export const formulirE: ReportDefinition = {
  id: 'e', title: TITLE,
  description: { id: 'Formulir penanganan gangguan: pelapor, saluran, kategori, dampak, prioritas, gejala, penanganan, penyebab dan konfirmasi', en: 'Incident handling form: reporter, channel, category, impact, priority, symptoms, handling, cause and confirmation' },
  params: z.object({ case: z.string().min(1).max(64) }),
  roles: 'staff',
  ownCase: true,
  availableFor: (profile) => profile.incident !== null,
  build,
  sample,
};
