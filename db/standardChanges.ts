// The standard-change catalogue's rows (kemenkeu J.1, serang D.3.5 "Standar (Rutin)"): the write both
// the API (PUT /standard-changes/{code}) and the demo seed use. Kept free of the API's process modules
// so the seed (scripts/demo.ts) loads without them.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StandardChangeBody } from '../api/schemas/changes.ts';
import { pgTextArray } from './pgArray.ts';

export interface StandardRow { code: string; title: { id: string; en: string }; description: string; services: string[]; procedure: string; active: boolean; updated_at: Date }
export const standardView = (r: StandardRow) => ({
  code: r.code, title: r.title, description: r.description, services: r.services, procedure: r.procedure, active: r.active, updatedAt: new Date(r.updated_at).toISOString(),
});

/** Inserts or updates an entry; `onlyIfMissing` leaves an existing one as it is (the demo seed). */
export async function writeStandardChange(em: EntityManager, tenantId: string, code: string, body: StandardChangeBody, onlyIfMissing = false) {
  const [row] = await em.execute<Array<StandardRow & { created: boolean }>>(
    `insert into standard_change (tenant_id, code, title, description, services, procedure, active) values (?, ?, ?::jsonb, ?, ?::text[], ?, ?)
     on conflict (tenant_id, code) do ${onlyIfMissing ? 'nothing' : `update set title = excluded.title, description = excluded.description,
       services = excluded.services, procedure = excluded.procedure, active = excluded.active, updated_at = now()`}
     returning *, (xmax = 0) as created`,
    [tenantId, code, JSON.stringify(body.title), body.description, pgTextArray(body.services), body.procedure, body.active],
  );
  return row ? { item: standardView(row), created: row.created } : null;
}

/** Demo entries of the standard-change catalogue (inserted when missing, never overwritten). */
export const DEMO_STANDARD_CHANGES: Record<string, Array<{ code: string } & StandardChangeBody>> = {
  serang: [
    {
      code: 'RESTART-APP', title: { id: 'Mulai ulang layanan aplikasi', en: 'Restart an application service' },
      description: 'Menghentikan dan menjalankan kembali proses aplikasi pada server layanan, di luar jam layanan.', services: [],
      procedure: '1. Umumkan jeda layanan 5 menit.\n2. systemctl restart <layanan>.\n3. Periksa halaman login dan log galat.\n4. Catat hasil pada perubahan.', active: true,
    },
    {
      code: 'SSL-RENEW', title: { id: 'Perpanjangan sertifikat SSL', en: 'SSL certificate renewal' },
      description: 'Memasang sertifikat SSL baru sebelum sertifikat lama kedaluwarsa.', services: ['WEBSITE', 'PERIZINAN-ONLINE'],
      procedure: '1. Unggah sertifikat dan kunci baru.\n2. Muat ulang server web.\n3. Periksa masa berlaku dengan openssl s_client.', active: true,
    },
  ],
  dpr: [
    {
      code: 'RESTART-APP', title: { id: 'Mulai ulang layanan aplikasi', en: 'Restart an application service' },
      description: 'Menghentikan dan menjalankan kembali proses aplikasi, di luar jam kerja.', services: [],
      procedure: '1. Beri tahu koordinator.\n2. Mulai ulang layanan.\n3. Periksa fungsi utama.\n4. Catat hasil.', active: true,
    },
    {
      code: 'PATCH-OS', title: { id: 'Pemasangan patch keamanan sistem operasi', en: 'Operating system security patch' },
      description: 'Pemasangan patch keamanan bulanan dari vendor sistem operasi.', services: [],
      procedure: '1. Ambil snapshot VM.\n2. Pasang patch.\n3. Mulai ulang bila perlu.\n4. Uji fungsi utama; pulihkan snapshot bila gagal.', active: true,
    },
  ],
};

export async function seedStandardChanges(em: EntityManager, tenantId: string): Promise<void> {
  for (const { code, ...body } of DEMO_STANDARD_CHANGES[tenantId] ?? []) await writeStandardChange(em, tenantId, code, body, true);
}
