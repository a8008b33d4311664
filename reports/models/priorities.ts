// Formulir B – Prioritas Penanganan Gangguan (serang Lampiran, Formulir B = Tabel 4.4; yogyakarta
// Tabel 2–3): each priority with its response and resolution targets as the regulation states them,
// and the impact × service type × classification matrix that assigns the priority.
import { z } from 'zod';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel } from '../types.ts';
import { NOT_SET, both, statedDuration } from './common/text.ts';

const TITLE = { id: 'Formulir B – Prioritas Penanganan Gangguan', en: 'Form B – Incident priorities' };
const SERVICE_TYPE: Record<string, LocalText> = {
  publik: { id: 'Layanan Publik', en: 'Public service' },
  administrasi: { id: 'Layanan Administrasi Pemerintahan', en: 'Government administration service' },
};
const CLASSES = ['kritis', 'esensial', 'normal'] as const;

export function prioritiesModel(profile: Profile): ReportModel {
  const inc = profile.incident;
  const priorities = (inc?.priorities ?? []).map((p) => ({
    id: p.id, title: p.title, response: statedDuration(p.response), resolution: p.resolution ? statedDuration(p.resolution) : NOT_SET,
  }));
  const classTitle = (c: string) => profile.classification?.levels.find((l) => l.id === c)?.title ?? both(c);
  const impactTitle = (i: string) => inc?.impacts.find((x) => x.id === i)?.title ?? both(i);
  const matrix = inc?.priorityMatrix
    ? (['mayor', 'minor'] as const).flatMap((impact) => (['publik', 'administrasi'] as const).map((type) => {
      const cell = (c: string) => inc.priorityMatrix!.find((m) => m.impact === impact && m.serviceType === type && m.classification === c)?.priority ?? '–';
      return { impact: impactTitle(impact), serviceType: SERVICE_TYPE[type]!, kritis: cell('kritis'), esensial: cell('esensial'), normal: cell('normal') };
    }))
    : [];
  return {
    formulir: 'b', title: TITLE, filename: 'Formulir-B-Prioritas-Penanganan-Gangguan',
    data: {
      priorities, matrix, hasMatrix: matrix.length > 0,
      classes: CLASSES.map((c) => ({ id: c, title: classTitle(c) })),
      regulation: profile.regulation.title,
    },
    tables: [
      {
        id: 'priorities', title: { id: 'Prioritas Penanganan Gangguan', en: 'Incident priorities' },
        columns: [
          { key: 'priority', title: { id: 'Prioritas Penanganan Gangguan', en: 'Priority' } },
          { key: 'response', title: { id: 'Target Waktu Tanggap', en: 'Response target' } },
          { key: 'resolution', title: { id: 'Target Waktu Penyelesaian', en: 'Resolution target' } },
        ],
        rows: priorities.map((p) => ({ priority: p.id, response: p.response.id, resolution: p.resolution.id })),
      },
      ...(matrix.length > 0 ? [{
        id: 'matrix', title: { id: 'Matriks prioritas', en: 'Priority matrix' },
        columns: [
          { key: 'impact', title: { id: 'Dampak', en: 'Impact' } },
          { key: 'serviceType', title: { id: 'Jenis Layanan', en: 'Service type' } },
          ...CLASSES.map((c) => ({ key: c, title: classTitle(c) })),
        ],
        rows: matrix.map((m) => ({ impact: m.impact.id, serviceType: m.serviceType.id, kritis: m.kritis, esensial: m.esensial, normal: m.normal })),
      }] : []),
    ],
    charts: {},
    empty: priorities.length === 0,
  };
}

async function build(ctx: ReportContext): Promise<ReportModel> {
  return prioritiesModel(ctx.profile);
}

/** The serang table (Tabel 4.4) as the sample: every field present, every list non-empty. */
function sample(): ReportModel {
  return prioritiesModel(getProfile('serang'));
}

export const formulirB: ReportDefinition = {
  id: 'b', title: TITLE,
  description: { id: 'Prioritas penanganan gangguan dengan target waktu tanggap dan penyelesaian, serta matriks penentuan prioritas', en: 'Incident priorities with response and resolution targets, and the priority matrix' },
  params: z.object({}),
  roles: 'staff',
  availableFor: (profile) => (profile.incident?.priorities.length ?? 0) > 0,
  build,
  sample,
};
