// The forms over HTTP (dev Temporal server, PostgreSQL, demo tenant serang): Formulir A and B for
// staff, Formulir D for the requester of the case only, a case of another process refused, Formulir I
// of a published evaluation (its read-model row as the workflow leaves it) and of a live period
// preview, the register as CSV.
import { periodOf } from '../../policy/evaluationPeriod.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { closePdfRenderer } from '../../reports/pdf.ts';
import { sampleFigures } from '../../reports/models/common/evaluationSample.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
const serang = getProfile('serang');

afterAll(closePdfRenderer);

async function submitRequest(who: string) {
  const res = await system().call(who, 'POST', '/api/v1/requests', { catalogueItem: serang.catalogue[0]!.code, title: 'Akun surel baru', description: 'Mohon dibuatkan akun surel dinas.' });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string };
}

test('Formulir A and B: staff read them, a requester may not', async () => {
  const a = await get('pengelola', '/reports/a');
  expect(a.status).toBe(200);
  expect(a.body).toContain('Target Pemenuhan Layanan');
  expect(a.body).toContain(serang.catalogue[0]!.name.id);
  const one = await get('pengelola', `/reports/a?service=${serang.catalogue[0]!.code}&lang=en`);
  expect(one.body).toContain('Fulfilment target');
  expect(one.body).not.toContain(serang.catalogue[1]!.name.en);
  expect((await get('pengelola', '/reports/a?service=TIDAK-ADA')).body).toMatchObject({ status: 404, code: 'unknown_catalogue_item' });
  expect((await get('pemohon', '/reports/a')).status).toBe(403);
  const b = await get('kadis', '/reports/b');
  expect(b.status).toBe(200);
  expect(b.body).toContain('&lt;15 menit');
});

test('Formulir D: the requester reads their own request, not another\'s; Formulir E refuses a request', async () => {
  const mine = await submitRequest('pemohon');
  const other = await submitRequest('pemohon2');
  const own = await get('pemohon', `/reports/d?case=${mine.number}`);
  expect(own.status).toBe(200);
  expect(own.body).toContain(mine.number);
  expect(own.body).toContain('Mohon dibuatkan akun surel dinas.');
  expect((await get('pemohon', `/reports/d?case=${other.number}`)).status).toBe(403);
  expect((await get('pengelola', `/reports/d?case=${other.number}`)).status).toBe(200);
  const wrong = await get('pengelola', `/reports/e?case=${mine.number}`);
  expect(wrong.body).toMatchObject({ status: 422, code: 'report_case_type_mismatch' });
});

test('Formulir I of a published evaluation, a preview of a period, the register as CSV', async () => {
  const period = periodOf('2026-S1', 'Asia/Jakarta');
  const figures = { ...sampleFigures(), period };
  const at = '2026-07-06T03:00:00.000Z';
  const em = system().orm.em.fork();
  const [row] = await em.execute<Array<{ id: string }>>(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, title, state, requester_username, data, created_at, updated_at, closed_at)
     values (gen_random_uuid(), 'serang', 'evaluation', 'EVL-2026-900001', 'evaluation:serang:EVL-2026-900001', 'Evaluasi Semester I 2026', 'published', 'system', ?::jsonb, now(), now(), now())
     returning id`,
    [JSON.stringify({
      period, figures, createdActions: [{ number: 'TL-2026-9001', chapter: 'A', description: 'Menambah petugas', dueOn: '2026-09-30' }],
      approval: { by: 'kadis', name: 'Kepala Dinas', at, note: null },
      chapters: serang.evaluation.chapters.map((c) => ({
        id: c.id, title: c.title, measures: c.measures, analysedByRole: c.analysedBy.role,
        analysis: { chapter: c.id, obstacles: `Hambatan bab ${c.id}`, improvements: 'Perbaikan', followUps: c.id === 'A' ? [{ description: 'Menambah petugas', ownerRole: 'service_desk', dueOn: '2026-09-30' }] : [], by: 'koordinator', name: 'Koordinator', at },
      })),
    })],
  );
  await em.execute(`insert into improvement_action (id, tenant_id, number, origin, evaluation_case_id, chapter, item_index, description, owner_role, due_on, created_by)
    values (gen_random_uuid(), 'serang', 'TL-2026-9001', 'evaluation', ?, 'A', 0, 'Menambah petugas', 'service_desk', '2026-09-30', 'system')`, [row!.id]);

  const i = await get('kadis', '/reports/i?case=EVL-2026-900001');
  expect(i.status).toBe(200);
  expect(i.body).toContain('Formulir I – Laporan Evaluasi');
  expect(i.body).toContain('Hambatan bab D');
  expect(i.body).toContain('TL-2026-9001');
  expect(i.body).not.toContain('(Draf)');

  const preview = await get('koordinator', '/reports/i?from=2026-01-01&to=2026-06-30');
  expect(preview.status).toBe(200);
  expect(preview.body).toContain('Formulir I – Laporan Evaluasi (Draf)');
  expect(preview.body).toContain('A. Evaluasi Penyelenggaraan Permintaan Layanan');
  expect((await get('koordinator', '/reports/i?from=2026-06-30&to=2026-01-01')).body).toMatchObject({ status: 400, code: 'period_ends_before_start' });
  expect((await get('koordinator', '/reports/i')).status).toBe(400);

  const csv = await get('kadis', '/reports/improvement-register?format=csv');
  expect(csv.status).toBe(200);
  expect(csv.body).toContain('TL-2026-9001');
  expect(csv.body).toContain('Menambah petugas');
}, 60_000);
