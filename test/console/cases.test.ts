// The console's inbox, case list and case page against the real system (PostgreSQL, Temporal, workflows):
// an approver sees the waiting request in the inbox and approves it with a form post (CSRF checked), the
// case page shows the new state and the decision in the timeline, a stale form gets a notice instead of
// silence, and the initiator of a change gets no approve button on it — a crafted post is refused too.
import { consoleSession, pageOf, type FormFields } from '../support/consoleSession.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();

/** A console session for a demo user: each answer as status, redirect target and HTML. */
async function browserOf(username: string) {
  const session = await consoleSession(system(), username);
  return {
    get: async (path: string) => pageOf(await session.get(path)),
    post: async (path: string, fields: FormFields) => pageOf(await session.post(path, fields)),
  };
}

/** The hidden fields of the form that posts to `action` (the first one on the page). */
function formOf(html: string, action: string) {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) return null;
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
  return { html: form, csrf: hidden('_csrf'), idem: hidden('_idem') };
}

const stateOf = async (id: string) => (await system().call('pengelola', 'GET', `/api/v1/cases/${id}`)).body.state as string;

async function requestAwaitingApproval(title: string) {
  const created = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title, description: 'Mohon disediakan VM 4 vCPU.' });
  expect(created.status).toBe(201);
  await system().started(created.body.id);
  const classified = await system().call('pengelola', 'POST', `/api/v1/cases/${created.body.id}/actions/classify`, { classification: 'fulfilment', priority: 'medium' });
  expect(classified.body.state).toBe('awaiting_approval');
  return created.body as { id: string; number: string };
}

test('an approver approves a waiting request from the inbox; the case page shows the new state and the decision', async () => {
  const kase = await requestAwaitingApproval('Hosting aplikasi SIMPEG konsol');
  const approver = await browserOf('penyedia');

  const inbox = await approver.get('/inbox');
  expect(inbox.status).toBe(200);
  expect(inbox.html).toContain(kase.number);
  expect(inbox.html).toContain('Hosting aplikasi SIMPEG konsol');
  const decide = `/cases/${kase.number}/decide`;
  const form = formOf(inbox.html, decide)!;
  expect(form).not.toBeNull();
  expect(form.html).toContain('name="decision" value="approve"');
  expect(form.html).toContain('name="decision" value="reject"');
  expect(form.html).toMatch(/<label for="[^"]+">Catatan/);

  // A form post without the session's CSRF token, or with a wrong one, changes nothing.
  const bare = await approver.post(decide, { decision: 'approve', _return: 'inbox' });
  expect(bare.status).toBe(403);
  expect(bare.html).toContain('csrf_token_invalid');
  const wrong = await approver.post(decide, { decision: 'approve', _csrf: `${form.csrf.slice(0, -2)}xx`, _return: 'inbox' });
  expect(wrong.status).toBe(403);
  expect(await stateOf(kase.id)).toBe('awaiting_approval');

  const approved = await approver.post(decide, { decision: 'approve', comment: 'Disetujui dari konsol.', _csrf: form.csrf, _idem: form.idem, _return: 'inbox' });
  expect(approved.status).toBe(303);
  expect(approved.location).toBe(`/inbox?decided=${kase.number}`);
  const after = await approver.get(approved.location!);
  expect(after.html).toContain(`Keputusan untuk ${kase.number} tercatat: Menunggu penugasan.`);
  expect(formOf(after.html, decide)).toBeNull(); // no longer waiting for this approver
  expect(await stateOf(kase.id)).toBe('awaiting_assignment');

  // The same form sent twice (double click): one decision, the same answer.
  const again = await approver.post(decide, { decision: 'approve', comment: 'Disetujui dari konsol.', _csrf: form.csrf, _idem: form.idem, _return: 'inbox' });
  expect(again.status).toBe(303);
  const decisions = await system().orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from case_event where case_id = ? and action = 'decide'`, [kase.id]);
  expect(Number(decisions[0]!.n)).toBe(1);

  const page = await approver.get(`/cases/${kase.number}`);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Menunggu penugasan');
  const decisionRow = /<tr>(?:(?!<tr>)[\s\S])*?Ir\. Bambang Sutrisno, M\.T\.(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(page.html)?.[0] ?? '';
  expect(decisionRow).toContain('Keputusan');
  expect(decisionRow).toContain('decision: approve');
  expect(decisionRow).toContain('comment: Disetujui dari konsol.');
  expect(page.html).toContain('data-clock');
  expect(page.html).toContain(`/workflows/`);
  // By id too (the notification link), and in English.
  const english = await approver.get(`/cases/${kase.id}?lang=en`);
  expect(english.html).toContain('Awaiting assignment');
  expect(english.html).toContain('Timeline');

  // A stale form (another tab, still showing the decision): a notice saying what happened, not silence.
  const stale = await approver.post(decide, { decision: 'reject', comment: 'Terlambat', _csrf: form.csrf, _idem: 'another-tab-0001' });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain('kasus sudah berubah: status kini Menunggu penugasan, terakhir oleh Ir. Bambang Sutrisno, M.T. (Keputusan)');
  expect(await stateOf(kase.id)).toBe('awaiting_assignment');

  // The service desk can assign now: its form is on the page, and the list finds the case.
  const desk = await browserOf('pengelola');
  const deskPage = await desk.get(`/cases/${kase.number}`);
  expect(formOf(deskPage.html, `/cases/${kase.number}/actions/assign`)).not.toBeNull();
  const list = await desk.get(`/cases?type=request&text=${encodeURIComponent('SIMPEG konsol')}`);
  expect(list.status).toBe(200);
  expect(list.html).toContain(kase.number);
  expect(list.html).toContain('1 kasus');
  const byState = await desk.get('/cases?type=request&status=awaiting_assignment&lang=en');
  expect(byState.html).toContain(kase.number);
  expect(byState.html).toContain('<option value="awaiting_assignment" selected>Awaiting assignment</option>');
  expect((await desk.get('/cases?type=request&status=rejected')).html).not.toContain(kase.number);
});

test('a form with a missing field comes back with the API\'s message next to it and what was typed', async () => {
  const kase = await requestAwaitingApproval('Hosting aplikasi arsip konsol');
  await system().call('penyedia', 'POST', `/api/v1/cases/${kase.id}/decisions`, { decision: 'approve' });
  const desk = await browserOf('pengelola');
  const path = `/cases/${kase.number}/actions/assign`;
  const form = formOf((await desk.get(`/cases/${kase.number}`)).html, path)!;
  const refused = await desk.post(path, { assignee: '', note: 'Segera ditangani', _csrf: form.csrf, _idem: form.idem });
  expect(refused.status).toBe(400);
  expect(refused.html).toMatch(/<p id="(f-[^"]+-assignee)-error" class="field-error">Wajib diisi/);
  expect(refused.html).toMatch(/aria-describedby="f-[^"]+-assignee-error" aria-invalid="true"/);
  expect(refused.html).toContain('Segera ditangani</textarea>');
  const assigned = await desk.post(path, { assignee: 'teknis', note: 'Segera ditangani', _csrf: form.csrf, _idem: `${form.idem}-2` });
  expect(assigned.status).toBe(303);
  expect((await desk.get(assigned.location!)).html).toContain('Sedang dipenuhi');
});

test('the initiator of a change sees no approve button on it, and a crafted post is refused', async () => {
  const start = Math.ceil((Date.now() + 20 * 86_400_000) / 3_600_000) * 3_600_000;
  const created = await system().call('penyedia', 'POST', '/api/v1/changes', {
    title: 'Perubahan konfigurasi oleh Penyedia Layanan (konsol)', reason: 'Perbaikan keamanan', category: 'normal', services: ['PERIZINAN-ONLINE'],
    configurationItems: ['VM-PERIZINAN-01'], riskAnalysis: 'Risiko rendah', implementationPlan: 'Pasang paket, uji login',
    window: { start: new Date(start).toISOString(), end: new Date(start + 2 * 3_600_000).toISOString() },
  });
  expect(created.status).toBe(201);
  await system().started(created.body.id);
  const number = created.body.number as string;
  const initiator = await browserOf('penyedia');

  const inbox = await initiator.get('/inbox');
  expect(inbox.html).toContain(number); // it waits for the service owner role…
  expect(inbox.html).not.toContain(`action="/cases/${number}/decide"`); // …but not for its own initiator
  const page = await initiator.get(`/cases/${number}`);
  expect(page.status).toBe(200);
  expect(page.html).not.toContain('name="decision" value="approve"');
  // Serang's rule allows no supervised exception: no form for one either.
  expect(page.html).not.toContain(`action="/cases/${number}/actions/grant_exception"`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;

  const crafted = await initiator.post(`/cases/${number}/decide`, { decision: 'approve', _csrf: csrf });
  expect(crafted.status).toBe(403);
  expect(crafted.html).toContain('Tindakan ditolak');
  expect(await stateOf(created.body.id)).toBe('awaiting_approval');
});

test('a delegate (Plh.) finds the decision in their inbox and takes it; the timeline says under whose authority', async () => {
  const kase = await requestAwaitingApproval('Hosting aplikasi e-Kinerja konsol');
  const delegation = await system().call('penyedia', 'POST', '/api/v1/delegations', {
    delegate: 'teknis2', roles: ['service_owner'], kind: 'plh', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    reason: 'Dinas luar ke Jakarta', reference: 'ST/017/DISKOMINFO/2026',
  });
  expect(delegation.status).toBe(201);
  const delegate = await browserOf('teknis2');
  const inbox = await delegate.get('/inbox');
  const decide = `/cases/${kase.number}/decide`;
  const form = formOf(inbox.html, decide)!;
  expect(form.html).toContain('name="decision" value="approve"');

  const approved = await delegate.post(decide, { decision: 'approve', _csrf: form.csrf, _idem: form.idem });
  expect(approved.status).toBe(303);
  expect(approved.location).toBe(`/cases/${kase.number}?done=decide`);
  const page = await delegate.get(approved.location!);
  expect(page.html).toContain('Tindakan &quot;Keputusan&quot; tercatat. Status kini: Menunggu penugasan.');
  expect(page.html).toContain('sebagai Plh. Ir. Bambang Sutrisno, M.T. (Penyedia Layanan)');
});

test('the case page links related cases: a request reclassified as an incident links to it, and back', async () => {
  const created = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title: 'Aplikasi perizinan galat (konsol)', description: 'Galat 502 sejak pagi.' });
  await system().started(created.body.id);
  const classified = await system().call('pengelola', 'POST', `/api/v1/cases/${created.body.id}/actions/classify`, {
    classification: 'incident', priority: 'high', incident: { service: 'PERIZINAN-ONLINE', impact: 'minor', category: 'Aplikasi tidak dapat diakses' },
  });
  expect(classified.status).toBe(200);
  const desk = await browserOf('pengelola');
  let html = '';
  for (let i = 0; i < 100 && !/href="\/cases\/INC-/.test(html); i++) {
    html = (await desk.get(`/cases/${created.body.number}`)).html;
    await new Promise((r) => setTimeout(r, 100));
  }
  const incident = /href="\/cases\/(INC-[^"]+)"/.exec(html)![1]!;
  expect(html).toContain('Diklasifikasi ulang');
  const incidentPage = (await desk.get(`/cases/${incident}`)).html;
  expect(incidentPage).toContain(`href="/cases/${created.body.number}"`);
});

test('a NUL character in a path, a filter or a form field gets a clear 400 page, never a 500, and changes nothing', async () => {
  const desk = await browserOf('pengelola');
  const admin = await browserOf('admin');
  for (const [who, path] of [[desk, '/cases/%00'], [desk, '/cases?text=a%00b'], [desk, '/inbox?x=%00'], [desk, '/reports/a?case=%00'], [admin, '/admin/webhooks/%00'], [admin, '/admin/holidays?year=%00']] as const) {
    const page = await who.get(path);
    expect({ path, status: page.status }).toEqual({ path, status: 400 });
    expect(page.html).toContain('karakter NUL');
  }
  const kase = await requestAwaitingApproval('Permintaan uji NUL');
  const owner = await browserOf('penyedia');
  const form = formOf((await owner.get(`/cases/${kase.number}`)).html, `/cases/${kase.number}/decide`)!;
  const posted = await owner.post(`/cases/${kase.number}/decide`, { _csrf: form.csrf, _idem: form.idem, decision: 'approve', comment: 'setuju\u0000tersembunyi' });
  expect(posted.status).toBe(400);
  expect(posted.html).toContain('karakter NUL');
  expect(await stateOf(kase.id)).toBe('awaiting_approval');
});
