// The known-error database over HTTP: ranked full-text search with filters and paging, access for
// staff only, and the known errors an incident's service desk sees (same configuration item, same
// service, similar symptoms), on a real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
let n = 0;

async function knownError(o: { title: string; symptoms: string; cause: string; workaround: string; service: string | null; cis?: string[]; status?: string; tenant?: string }) {
  const tenant = o.tenant ?? 'serang';
  const em = system().orm.em.fork();
  const problemId = randomUUID();
  const number = `PRB-2025-${String(800_000 + ++n)}`;
  await em.execute(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, requester_username, data, created_at, updated_at)
     values (?, ?, 'problem', ?, ?, ?, ?, 'known_error', 'teknis', '{}'::jsonb, now(), now())`,
    [problemId, tenant, number, `problem:${tenant}:${number}`, o.service, o.title]);
  const keNumber = `KE-2025-${String(800_000 + n)}`;
  await em.execute(
    `insert into known_error (id, tenant_id, number, problem_case_id, problem_number, title, service_code, configuration_items, symptoms, cause, workaround, status)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)`,
    [tenant, keNumber, problemId, number, o.title, o.service, `{${(o.cis ?? []).join(',')}}`, o.symptoms, o.cause, o.workaround, o.status ?? 'workaround']);
  return keNumber;
}

let ke: Record<'login502' | 'simpegLogin' | 'mailbox' | 'printing' | 'retired' | 'otherTenant', string>;

beforeAll(async () => {
  ke = {
    login502: await knownError({ title: 'Galat 502 pada halaman login Perizinan Online', symptoms: 'Halaman login menampilkan galat 502 setiap pagi', cause: 'Pool koneksi basis data habis', workaround: 'Mulai ulang layanan aplikasi', service: 'PERIZINAN-ONLINE', cis: ['VM-PERIZINAN-01'] }),
    simpegLogin: await knownError({ title: 'Login lambat di SIMPEG', symptoms: 'Masuk ke SIMPEG memerlukan lebih dari satu menit', cause: 'Indeks tabel pegawai hilang', workaround: 'Gunakan pencarian NIP', service: 'SIMPEG', cis: ['DB-SIMPEG'] }),
    mailbox: await knownError({ title: 'Kotak surat penuh', symptoms: 'Surel tidak terkirim karena kuota', cause: 'Kuota 1 GB', workaround: 'Arsipkan surel lama', service: 'EMAIL-DINAS', cis: ['MAIL-01'], status: 'resolved' }),
    printing: await knownError({ title: 'Cetak izin lambat', symptoms: 'Dokumen izin terbentuk setelah 5 menit', cause: 'Antrian PDF', workaround: 'Cetak di luar jam sibuk', service: 'PERIZINAN-ONLINE' }),
    retired: await knownError({ title: 'Galat 502 lama', symptoms: 'Galat 502 di halaman login', cause: 'Server lama', workaround: '-', service: 'PERIZINAN-ONLINE', cis: ['VM-PERIZINAN-01'], status: 'retired' }),
    otherTenant: await knownError({ tenant: 'dpr', title: 'Galat 502 portal', symptoms: 'Galat 502 di halaman login portal', cause: 'x', workaround: 'y', service: 'PORTAL-DPR' }),
  };
}, 60_000);

test('search ranks the known errors that match more of the words first; non-matching and other tenants\' are left out', async () => {
  const res = await get('pengelola', '/known-errors?q=galat%20502%20login');
  expect(res.status).toBe(200);
  const numbers = res.body.items.map((i: { number: string }) => i.number);
  expect(numbers[0]).toBe(ke.login502);
  expect(numbers).toContain(ke.simpegLogin); // "login" only
  expect(numbers.indexOf(ke.simpegLogin)).toBeGreaterThan(numbers.indexOf(ke.retired)); // three words beat one
  expect(numbers).not.toContain(ke.mailbox);
  expect(numbers).not.toContain(ke.otherTenant);
  const scores = res.body.items.map((i: { score: number }) => i.score);
  expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  expect(res.body.items[0]).toMatchObject({ matchedBy: ['text'], workaround: 'Mulai ulang layanan aplikasi', problem: { number: expect.stringMatching(/^PRB-/) } });
  // prefixes and punctuation: "gala-50" finds "galat 502"
  expect((await get('pengelola', '/known-errors?q=gala-50')).body.items.map((i: { number: string }) => i.number)).toContain(ke.login502);
});

test('filters by service, configuration item and status; pages', async () => {
  expect((await get('pengelola', '/known-errors?q=login&service=SIMPEG')).body.items.map((i: { number: string }) => i.number)).toEqual([ke.simpegLogin]);
  expect((await get('pengelola', '/known-errors?ci=MAIL-01')).body.items.map((i: { number: string }) => i.number)).toEqual([ke.mailbox]);
  expect((await get('pengelola', '/known-errors?status=resolved')).body.items.map((i: { number: string }) => i.number)).toEqual([ke.mailbox]);
  const page = await get('pengelola', '/known-errors?service=PERIZINAN-ONLINE&pageSize=2&page=2');
  expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
  expect(page.body.items).toHaveLength(1);
  expect((await get('pengelola', '/known-errors?q=%21%21%21')).body).toMatchObject({ items: [], total: 0 });
  expect((await get('pengelola', '/known-errors?status=unknown')).status).toBe(400);
  expect((await get('pengelola', `/known-errors/${ke.login502}`)).body.title).toContain('Galat 502');
  expect(await get('pengelola', '/known-errors/KE-1999-000001')).toMatchObject({ status: 404, body: { code: 'known_error_not_found' } });
});

test('the KEDB is for staff: a requester is refused', async () => {
  expect(await get('pemohon', '/known-errors?q=galat')).toMatchObject({ status: 403, body: { code: 'missing_role' } });
});

test('when the service desk opens an incident, the matching known errors come first', async () => {
  const reported = await system().call('pemohon', 'POST', '/api/v1/incidents', {
    service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', symptoms: 'Setelah login muncul galat 502 Bad Gateway.', impact: 'mayor',
    configurationItems: ['VM-PERIZINAN-01'],
  });
  expect(reported.status).toBe(201);
  const res = await get('pengelola', `/cases/${reported.body.number}/known-errors`);
  expect(res.status).toBe(200);
  const numbers = res.body.items.map((i: { number: string }) => i.number);
  expect(numbers[0]).toBe(ke.login502);
  expect(res.body.items[0].matchedBy).toEqual(['text', 'service', 'configuration_item']);
  expect(numbers).toContain(ke.printing); // same service
  expect(numbers).toContain(ke.simpegLogin); // "login" in its symptoms
  expect(numbers.indexOf(ke.printing)).toBeGreaterThan(0);
  expect(numbers).not.toContain(ke.retired);
  expect(numbers).not.toContain(ke.mailbox);
  expect((await get('pemohon2', `/cases/${reported.body.id}/known-errors`)).status).toBe(404); // not theirs
});
