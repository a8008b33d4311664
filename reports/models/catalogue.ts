// Formulir A – Katalog Layanan (serang Lampiran, Formulir A; BAB IV B.4): one block per active
// catalogue item with the form's fields in the seed's order: Nama Layanan, Deskripsi Layanan,
// Pemilik Layanan, Pengelola Layanan, Pengelola Teknis, Cara Akses Layanan, Kontak Permintaan
// Bantuan, Waktu Bantuan, Target Pemenuhan Layanan, Ketersediaan Layanan.
import { z } from 'zod';
import { problem } from '../../api/http/problem.ts';
import type { Profile } from '../../policy/profile.ts';
import type { LocalText, ReportContext, ReportDefinition, ReportModel, ReportTable } from '../types.ts';
import { both, durationText, roleTitle, statedDuration, textOr } from './common/text.ts';

const TITLE = { id: 'Formulir A – Katalog Layanan', en: 'Form A – Service catalogue' };

interface ItemRow {
  code: string; name: LocalText; description: LocalText; fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working';
  provider: string | null; service_desk: string | null; technical_team: string | null; access_info: string | null;
  availability_target: string | null; help_contact: string | null; help_hours: string | null; availability: string | null;
}

export interface CatalogueEntry {
  code: string; name: LocalText; description: LocalText; owner: LocalText; serviceDesk: LocalText; technicalTeam: LocalText;
  access: LocalText; helpContact: LocalText; helpHours: LocalText; fulfilmentTarget: LocalText; availability: LocalText;
}

/** Who plays a part when the item names nobody: the profile's role for it. */
function fallbackRole(profile: Profile, role: string): LocalText {
  return profile.roles.some((r) => r.id === role) ? roleTitle(profile, role) : textOr(null);
}

export function catalogueEntry(profile: Profile, r: ItemRow): CatalogueEntry {
  const ms = Number(r.fulfilment_target_ms);
  const seeded = profile.catalogue.find((i) => i.code === r.code)?.fulfilmentTarget;
  const target = seeded && seeded.ms === ms && seeded.basis === r.target_basis ? statedDuration(seeded) : durationText(ms, r.target_basis);
  const availability = textOr(r.availability);
  return {
    code: r.code, name: r.name, description: r.description,
    owner: r.provider ? both(r.provider) : fallbackRole(profile, 'service_owner'),
    serviceDesk: r.service_desk ? both(r.service_desk) : fallbackRole(profile, profile.requestFulfilment.serviceDeskRole),
    technicalTeam: r.technical_team ? both(r.technical_team) : fallbackRole(profile, 'technical_team'),
    access: textOr(r.access_info), helpContact: textOr(r.help_contact), helpHours: textOr(r.help_hours),
    fulfilmentTarget: target,
    availability: r.availability_target
      ? { id: `${availability.id} (target ${r.availability_target})`, en: `${availability.en} (target ${r.availability_target})` }
      : availability,
  };
}

const COLUMNS: Array<{ key: keyof CatalogueEntry; title: LocalText }> = [
  { key: 'code', title: { id: 'Kode', en: 'Code' } },
  { key: 'name', title: { id: 'Nama Layanan', en: 'Service name' } },
  { key: 'description', title: { id: 'Deskripsi Layanan', en: 'Description' } },
  { key: 'owner', title: { id: 'Pemilik Layanan', en: 'Service owner' } },
  { key: 'serviceDesk', title: { id: 'Pengelola Layanan', en: 'Service desk' } },
  { key: 'technicalTeam', title: { id: 'Pengelola Teknis', en: 'Technical team' } },
  { key: 'access', title: { id: 'Cara Akses Layanan', en: 'How to access' } },
  { key: 'helpContact', title: { id: 'Kontak Permintaan Bantuan', en: 'Help contact' } },
  { key: 'helpHours', title: { id: 'Waktu Bantuan', en: 'Help hours' } },
  { key: 'fulfilmentTarget', title: { id: 'Target Pemenuhan Layanan', en: 'Fulfilment target' } },
  { key: 'availability', title: { id: 'Ketersediaan Layanan', en: 'Availability' } },
];

/** CSV/XLSX carry the Indonesian text (the form's language); the printed form shows either. */
function table(entries: CatalogueEntry[]): ReportTable {
  return {
    id: 'catalogue', title: { id: 'Katalog Layanan', en: 'Service catalogue' },
    columns: COLUMNS.map((c) => ({ key: c.key, title: c.title, kind: 'text' as const })),
    rows: entries.map((e) => Object.fromEntries(COLUMNS.map((c) => {
      const v = e[c.key];
      return [c.key, typeof v === 'string' ? v : v.id];
    }))),
  };
}

export function catalogueModel(entries: CatalogueEntry[]): ReportModel {
  return {
    formulir: 'a', title: TITLE, filename: 'Formulir-A-Katalog-Layanan',
    data: { items: entries }, tables: [table(entries)], charts: {}, empty: entries.length === 0,
  };
}

async function build(ctx: ReportContext, params: { service?: string | undefined }): Promise<ReportModel> {
  const rows = await ctx.em.execute<ItemRow[]>(
    `select code, name, description, fulfilment_target_ms, target_basis, provider, service_desk, technical_team, access_info,
            availability_target, help_contact, help_hours, availability
       from catalogue_item where tenant_id = ? and active ${params.service ? 'and code = ?' : ''} order by code`,
    params.service ? [ctx.tenant.id, params.service] : [ctx.tenant.id],
  );
  if (params.service && rows.length === 0) throw problem(404, 'unknown_catalogue_item', { code: params.service });
  return catalogueModel(rows.map((r) => catalogueEntry(ctx.profile, r)));
}

function sample(): ReportModel {
  return catalogueModel([{
    code: 'AKUN-EMAIL', name: { id: 'Pembuatan akun surel', en: 'E-mail account' }, description: { id: 'Akun surel dinas baru', en: 'New official e-mail account' },
    owner: both('Dinas Komunikasi dan Informatika'), serviceDesk: both('Bidang Layanan TIK'), technicalTeam: both('Seksi Infrastruktur'),
    access: both('https://layanan.example.go.id'), helpContact: both('helpdesk@example.go.id, 0254-000000'), helpHours: both('Senin–Jumat 07.30–16.00'),
    fulfilmentTarget: { id: '< 3 jam', en: '3 hours' }, availability: both('24/7 (target 99,5 %)'),
  }]);
}

export const formulirA: ReportDefinition = {
  id: 'a', title: TITLE,
  description: { id: 'Katalog layanan: setiap layanan dengan pemilik, pengelola, cara akses, kontak, waktu bantuan, target pemenuhan dan ketersediaan', en: 'The service catalogue: each service with owner, desk, technical team, access, contact, help hours, fulfilment target and availability' },
  params: z.object({ service: z.string().regex(/^[A-Z0-9-]+$/).optional() }),
  roles: 'staff',
  build,
  sample,
};
