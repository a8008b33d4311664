// A release's manual evaluation criteria are verified from the case page: the verify form has one row
// per criterion still without a result (its id filled in, named by its title), a row left without its
// verdict comes back with the API's message on that cell and what was typed kept, and a complete form
// records the results and the release moves on to its review.
import { consoleSession, pageOf } from '../support/consoleSession.ts';
import { startDeployTarget, type DeployTarget } from '../support/deployTarget.ts';
import { approvedChange, releasePlan, waitForState } from '../support/releaseFlow.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
let target: DeployTarget;
beforeAll(async () => { target = await startDeployTarget(); });
afterAll(async () => { await target?.close(); });

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

test('manual criteria are verified in rows of the case page, a missing verdict shown on its cell', async () => {
  target.program('cv-deploy-app', { mode: 'sync' });
  const change = await approvedChange(system());
  const plan = releasePlan(target, 'cv', change.number, {
    steps: [{ kind: 'http', id: 'deploy-app', title: 'Deploy', request: { method: 'POST', url: target.stepUrl('cv-deploy-app') }, waitSeconds: 20 }],
    rollbackSteps: [{ kind: 'manual', id: 'undo-app', title: 'Pulihkan versi lama', instructions: 'Deploy ulang versi 1.9', undoes: 'deploy-app' }],
    evaluationCriteria: [
      { kind: 'manual', id: 'login', title: 'Pengguna dapat masuk', description: 'Masuk dengan akun uji' },
      { kind: 'manual', id: 'report', title: 'Laporan bulanan terbit', description: 'Cetak laporan uji' },
    ],
  });
  const created = await system().call('teknis', 'POST', '/api/v1/releases', plan);
  expect(created.status).toBe(201);
  const rel = created.body as { id: string; number: string };
  await system().started(rel.id);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${rel.id}/actions/decide_plan`, { decision: 'approve' })).status).toBe(200);
  await waitForState(system(), 'penyedia', rel.id, ['verifying']);

  const teknis = await consoleSession(system(), 'teknis');
  const page = await pageOf(await teknis.get(`/cases/${rel.number}`));
  expect(page.status).toBe(200);
  const start = page.html.indexOf(`action="/cases/${rel.number}/actions/verify"`);
  expect(start).toBeGreaterThan(0);
  const form = page.html.slice(start, page.html.indexOf('</form>', start));
  expect(form).toContain('login · Pengguna dapat masuk');
  expect(form).toContain('report · Laporan bulanan terbit');
  expect(form).toMatch(/name="results\.0\.criterion" value="login" readonly/);
  expect(form).toMatch(/name="results\.1\.criterion" value="report"/);
  expect(form).toMatch(/<select id="[^"]+" name="results\.1\.passed"/);

  // The second row's verdict is missing: the API's message on that cell, the note typed kept, nothing recorded.
  const fields = { _csrf: hidden(form, '_csrf'), _idem: hidden(form, '_idem') };
  const partial = await pageOf(await teknis.post(`/cases/${rel.number}/actions/verify`, {
    ...fields, 'results.0.criterion': 'login', 'results.0.passed': 'true', 'results.0.note': 'Berhasil masuk',
    'results.1.criterion': 'report', 'results.1.passed': '', 'results.1.note': 'Belum dicoba',
  }));
  expect(partial.status).toBe(400);
  expect(partial.html).toMatch(/<p id="([^"]*results-1-passed)-error" class="field-error">[^<]+<\/p>\s*<select id="\1" name="results\.1\.passed" aria-describedby="\1-error" aria-invalid="true"/);
  expect(partial.html).toContain('>Belum dicoba</textarea>');
  expect(partial.html).toMatch(/class="error-summary"[\s\S]*href="#[^"]*results-1-passed"/);
  expect((await system().call('penyedia', 'GET', `/api/v1/cases/${rel.id}`)).body).toMatchObject({ state: 'verifying', data: { criteria: [] } });

  const done = await pageOf(await teknis.post(`/cases/${rel.number}/actions/verify`, {
    ...fields, _idem: `${fields._idem}-2`, 'results.0.criterion': 'login', 'results.0.passed': 'true', 'results.0.note': 'Berhasil masuk',
    'results.1.criterion': 'report', 'results.1.passed': 'true', 'results.1.note': '', 'results.2.criterion': '', 'results.2.passed': '',
  }));
  expect(done).toMatchObject({ status: 303, location: `/cases/${rel.number}?done=verify` });
  const after = await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  expect(after.data.criteria).toEqual([
    expect.objectContaining({ criterion: 'login', passed: true, detail: 'Berhasil masuk', by: 'teknis' }),
    expect.objectContaining({ criterion: 'report', passed: true }),
  ]);
}, 90_000);
