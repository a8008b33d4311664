// The demo tenants and their users: one demo user per role of the tenant's profile (plus a second
// requester and technician to show segregation of duties and "someone else's case").
import type { MikroORM } from '@mikro-orm/postgresql';
import { seedCalendar } from '../db/calendar.ts';
import { seedTenant } from '../db/seed.ts';
import { putService, type ServiceRecord } from '../db/services.ts';
import { classifyService } from '../policy/classification.ts';
import { calendarOfProfile } from '../policy/profileCalendar.ts';
import { NATIONAL_HOLIDAYS } from '../policy/holidays.ts';
import type { Profile } from '../policy/profile.ts';
import { getProfile } from '../policy/profiles/index.ts';
import { seedStandardChanges } from '../db/standardChanges.ts';

export interface DemoUserSeed { username: string; name: string; roles: string[]; email: string; nip: string; unit: string }
export interface DemoTenant { id: string; name: string; profile: Profile; users: DemoUserSeed[] }

const PEOPLE: Record<string, { username: string; name: string }> = {
  requester: { username: 'pemohon', name: 'Siti Rahmawati' },
  service_desk: { username: 'pengelola', name: 'Andi Pratama' },
  technical_team: { username: 'teknis', name: 'Dewi Lestari' },
  service_owner: { username: 'penyedia', name: 'Ir. Bambang Sutrisno, M.T.' },
  service_coordinator: { username: 'koordinator', name: 'Rina Wulandari, S.Kom.' },
  recovery_coordinator: { username: 'pemulihan', name: 'Hendra Gunawan, S.T.' },
  head_of_unit: { username: 'kadis', name: 'Dr. Ahmad Fauzi' },
  administrator: { username: 'admin', name: 'Admin Sigap' },
  vendor: { username: 'vendor', name: 'PT Penyedia Aplikasi' },
};
const EXTRA: Array<{ username: string; name: string; role: string }> = [
  { username: 'pemohon2', name: 'Budi Santoso', role: 'requester' },
  { username: 'teknis2', name: 'Yoga Saputra', role: 'technical_team' },
];

export function demoUsers(tenantId: string, profile: Profile): DemoUserSeed[] {
  const users = profile.roles.map((role, i) => {
    const person = PEOPLE[role.id] ?? { username: role.id.replace(/_/g, ''), name: role.title.id };
    return { ...person, roles: [role.id], i };
  });
  const extra = EXTRA.filter((e) => profile.roles.some((r) => r.id === e.role)).map((e, i) => ({ username: e.username, name: e.name, roles: [e.role], i: 100 + i }));
  return [...users, ...extra].map(({ username, name, roles, i }) => ({
    username, name, roles,
    email: `${username}@${tenantId}.sigap.test`,
    nip: `19800101200${String(i).padStart(3, '0')}1001`.slice(0, 18),
    unit: roles[0] === 'requester' ? 'Bagian Umum' : 'Unit Pengelola TIK',
  }));
}

export function demoTenants(): DemoTenant[] {
  const serang = getProfile('serang');
  const dpr = getProfile('dpr');
  const setwapres = getProfile('setwapres');
  return [
    { id: 'serang', name: 'Pemerintah Kabupaten Serang', profile: serang, users: demoUsers('serang', serang) },
    { id: 'dpr', name: 'Sekretariat Jenderal DPR RI', profile: dpr, users: demoUsers('dpr', dpr) },
    { id: 'setwapres', name: 'Sekretariat Wakil Presiden', profile: setwapres, users: demoUsers('setwapres', setwapres) },
  ];
}

/** Demo services of each tenant (the affected services of incidents), with their configuration items. */
const DEMO_SERVICES: Record<string, Array<Omit<ServiceRecord, 'active' | 'classification' | 'classificationSource'> & { classification?: ServiceRecord['classification'] }>> = {
  serang: [
    { code: 'PERIZINAN-ONLINE', name: { id: 'Perizinan Online', en: 'Online licensing' }, nature: 'publik', basis: 'khusus', scope: 'nasional', provider: 'DPMPTSP', configurationItems: ['VM-PERIZINAN-01', 'DB-PERIZINAN', 'LB-DMZ-01'], availabilityTarget: '95 %' },
    { code: 'WEBSITE', name: { id: 'Website Pemerintah Kabupaten', en: 'Regency website' }, nature: 'publik', basis: 'umum', scope: 'regional', provider: 'Diskominfo', configurationItems: ['VM-WEB-01'], availabilityTarget: '95 %' },
    { code: 'SIMPEG', name: { id: 'Sistem Informasi Kepegawaian', en: 'Personnel information system' }, nature: 'administrasi', basis: 'khusus', scope: 'instansi', provider: 'BKPSDM', configurationItems: ['VM-SIMPEG-01', 'DB-SIMPEG'], availabilityTarget: '90 %' },
    { code: 'EMAIL-DINAS', name: { id: 'E-mail Dinas', en: 'Official e-mail' }, nature: 'administrasi', basis: 'umum', scope: 'regional', provider: 'Diskominfo', configurationItems: ['MAIL-01'], availabilityTarget: '95 %' },
  ],
  dpr: [
    { code: 'PORTAL-DPR', name: { id: 'Portal DPR RI', en: 'DPR portal' }, nature: 'publik', basis: null, scope: null, classification: 'kritis', provider: 'Pusat Teknologi Informasi', configurationItems: ['WEB-DPR-01'], availabilityTarget: null },
    { code: 'E-PERSURATAN', name: { id: 'E-Persuratan', en: 'Electronic correspondence' }, nature: 'administrasi', basis: null, scope: null, classification: 'esensial', provider: 'Pusat Teknologi Informasi', configurationItems: ['APP-SURAT-01'], availabilityTarget: null },
  ],
};

/** Seeds the demo tenants: tenant rows, catalogue, users, services, business calendar and national holidays. */
export async function seedDemoTenants(orm: MikroORM): Promise<void> {
  for (const t of demoTenants()) {
    await seedTenant(orm, { tenantId: t.id, name: t.name, profileId: t.profile.id, timezone: t.profile.timezone, catalogue: t.profile.catalogue, users: t.users });
    await seedCalendar(orm.em.fork(), t.id, calendarOfProfile(t.profile), [...NATIONAL_HOLIDAYS]);
    for (const s of DEMO_SERVICES[t.id] ?? []) {
      const byRule = s.basis && s.scope ? classifyService(t.profile, { nature: s.nature, basis: s.basis, scope: s.scope }) : null;
      const classification = byRule?.classification ?? s.classification ?? 'normal';
      await putService(orm.em.fork(), t.id, { ...s, classification, classificationSource: byRule ? `rule ${byRule.rule}` : 'demo data' }, true);
    }
    if (t.profile.change) await seedStandardChanges(orm.em.fork(), t.id);
  }
}
