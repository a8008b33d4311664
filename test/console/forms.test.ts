// The console's submission forms (/new …) against the real system: a form posts to the same service as the
// API, the API's messages appear next to the fields with everything typed kept, a valid form lands on the
// new case's page, and a double submit creates one case.
import { demoTenants } from '../../scripts/demo.ts';
import { FORM_KINDS } from '../../web/pages/formsKinds.ts';
import { buildBody, localToIso } from '../../web/pages/formsModel.ts';
import { consoleSession } from '../support/consoleSession.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const serang = demoTenants().find((t) => t.id === 'serang')!;

/** A console session for a demo user (raw answers). */
const browserOf = (username: string) => consoleSession(system(), username);

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
const countCases = async (title: string) =>
  Number((await system().orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from sigap_case where title = ?', [title]))[0]!.n);

describe('request form', () => {
  it('shows the API\'s Bahasa message next to a missing field and keeps what was typed', async () => {
    const b = await browserOf('pemohon');
    const form = await b.get('/new/request');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<label for="f-catalogueItem">Layanan yang diminta');
    expect(html).toContain('value="AKUN-EMAIL"');

    const res = await b.post('/new/request', {
      _csrf: hidden(html, '_csrf'), idempotencyKey: hidden(html, 'idempotencyKey'),
      catalogueItem: 'AKUN-EMAIL', title: 'Akun <email> baru', description: '',
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    // The message of the API's schema (api/http/validation.ts: field_required), linked to the field.
    expect(page).toContain('<p class="field-error" id="f-description-error">Wajib diisi.');
    const textarea = tagOf(page, 'f-description');
    expect(textarea).toContain('aria-invalid="true"');
    expect(textarea).toContain('aria-describedby="f-description-error"');
    expect(page).toMatch(/class="error-summary"[\s\S]*<a href="#f-description">Deskripsi permintaan: Wajib diisi\.<\/a>/);
    // Everything typed is kept (escaped), the chosen item stays selected, the same idempotency key goes on.
    expect(tagOf(page, 'f-title')).toContain('value="Akun &lt;email&gt; baru"');
    expect(page).toContain('<option value="AKUN-EMAIL" selected>');
    expect(hidden(page, 'idempotencyKey')).toBe(hidden(html, 'idempotencyKey'));
    expect(await countCases('Akun <email> baru')).toBe(0);

    const english = await b.post('/new/request?lang=en', { _csrf: hidden(html, '_csrf'), catalogueItem: 'AKUN-EMAIL', title: 'x', description: 'y' });
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('<p class="field-error" id="f-title-error">Must be at least 3 characters long.');
  });

  it('lets the service desk record a request for someone else; an unknown user is named on the field; a requester has no such field', async () => {
    const requesterForm = await (await browserOf('pemohon')).get('/new/request');
    expect(await requesterForm.text()).not.toContain('name="requester"');
    const desk = await browserOf('pengelola');
    const html = await (await desk.get('/new/request')).text();
    expect(html).toContain('<label for="f-requester">Atas nama pemohon');
    const fields = {
      _csrf: hidden(html, '_csrf'), idempotencyKey: hidden(html, 'idempotencyKey'), channel: 'phone',
      catalogueItem: 'AKUN-EMAIL', title: 'Akun e-mail lewat telepon', description: 'Pemohon menelepon meja layanan.',
    };
    const unknown = await desk.post('/new/request', { ...fields, requester: 'tidak-ada' });
    expect(unknown.status).toBe(422);
    const page = await unknown.text();
    expect(page).toMatch(/<p class="field-error" id="f-requester-error">[^<]*tidak-ada/);
    expect(tagOf(page, 'f-requester')).toContain('aria-invalid="true"');
    expect(tagOf(page, 'f-requester')).toContain('value="tidak-ada"');
    expect(await countCases('Akun e-mail lewat telepon')).toBe(0);

    const ok = await desk.post('/new/request', { ...fields, requester: 'pemohon' });
    expect(ok.status).toBe(303);
    const view = await system().call('pemohon', 'GET', `/api/v1/cases/${ok.headers.get('location')!.split('/').pop()}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ requester: 'pemohon', title: 'Akun e-mail lewat telepon' });
    const events = (await system().call('pengelola', 'GET', `/api/v1/cases/${view.body.id}/timeline`)).body.events as Array<{ action: string; actor: { username: string }; payload: Record<string, unknown> }>;
    expect(events[0]).toMatchObject({ action: 'submitted', actor: { username: 'pengelola' }, payload: { requester: 'pemohon', channel: 'phone' } });
  });

  it('creates the case, lands on its page, and a double submit creates one case', async () => {
    const b = await browserOf('pemohon');
    const html = await (await b.get('/new/request')).text();
    const fields = {
      _csrf: hidden(html, '_csrf'), idempotencyKey: hidden(html, 'idempotencyKey'),
      catalogueItem: 'AKUN-EMAIL', title: 'Akun email untuk staf baru', description: 'Untuk staf Bidang TIK.',
    };
    const [first, second] = await Promise.all([b.post('/new/request', fields), b.post('/new/request', fields)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const location = first.headers.get('location')!;
    expect(location).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(second.headers.get('location')).toBe(location);
    const third = await b.post('/new/request', fields);
    expect(third.headers.get('location')).toBe(location);
    expect(await countCases('Akun email untuk staf baru')).toBe(1);

    const caseId = location.split('/').pop()!;
    const view = await system().call('pemohon', 'GET', `/api/v1/cases/${caseId}`);
    expect(view.body).toMatchObject({ type: 'request', title: 'Akun email untuk staf baru', requester: 'pemohon', service: 'AKUN-EMAIL' });
    const casePage = await b.get(location);
    expect(casePage.status).toBe(200);
    expect(await casePage.text()).toContain(view.body.number);
  });

  it('refuses a post without the session\'s CSRF token', async () => {
    const b = await browserOf('pemohon');
    const res = await b.post('/new/request', { catalogueItem: 'AKUN-EMAIL', title: 'Tanpa token CSRF', description: 'x' });
    expect(res.status).toBe(403);
    expect(await countCases('Tanpa token CSRF')).toBe(0);
  });

  it('sends a browser without a session to sign in', async () => {
    const res = await fetch(`${system().baseUrl}/new/request`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/login?returnTo=%2Fnew%2Frequest');
  });
});

describe('the other forms', () => {
  it('lists what the user may submit and renders every form', async () => {
    const requester = await browserOf('pemohon');
    const index = await (await requester.get('/new')).text();
    expect(index).toContain('href="/new/request"');
    expect(index).not.toContain('href="/new/release"');

    for (const kind of FORM_KINDS.filter((k) => k.offered(serang.profile))) {
      const user = serang.users.find((u) => kind.allowed(serang.profile, { kind: 'user', tenantId: 'serang', username: u.username, name: u.name, roles: u.roles }))!;
      const res = await (await browserOf(user.username)).get(`/new/${kind.kind}`);
      expect([kind.kind, res.status]).toEqual([kind.kind, 200]);
      expect(await res.text()).toContain(`action="/new/${kind.kind}"`);
    }
  });

  it('reports an incident; a missing impact is shown at the impact choice', async () => {
    const b = await browserOf('pemohon');
    const html = await (await b.get('/new/incident')).text();
    const fields = {
      _csrf: hidden(html, '_csrf'), idempotencyKey: hidden(html, 'idempotencyKey'),
      service: 'SIMPEG', category: 'Aplikasi', symptoms: 'Tidak bisa masuk sejak pagi.', configurationItems: 'VM-SIMPEG-01\nDB-SIMPEG',
    };
    const missing = await b.post('/new/incident', fields);
    expect(missing.status).toBe(400);
    const page = await missing.text();
    expect(page).toContain('<p class="field-error" id="f-impact-error">');
    expect(page).toContain('<a href="#f-impact-0">');
    expect(page).toContain('Tidak bisa masuk sejak pagi.</textarea>');

    const ok = await b.post('/new/incident', { ...fields, impact: 'minor' });
    expect(ok.status).toBe(303);
    const view = await system().call('pemohon', 'GET', `/api/v1/cases/${ok.headers.get('location')!.split('/').pop()}`);
    expect(view.body).toMatchObject({ type: 'incident', service: 'SIMPEG' });
  });

  it('submits a change with a window typed in the tenant\'s time; a rule of the service comes back on the form', async () => {
    const initiator = serang.users.find((u) => FORM_KINDS.find((k) => k.kind === 'change')!.allowed(serang.profile, { kind: 'user', tenantId: 'serang', username: u.username, name: u.name, roles: u.roles }))!;
    const b = await browserOf(initiator.username);
    const html = await (await b.get('/new/change')).text();
    const fields = {
      _csrf: hidden(html, '_csrf'), idempotencyKey: hidden(html, 'idempotencyKey'), title: 'Pembaruan server SIMPEG', category: 'normal', reason: 'Tambalan keamanan.',
      services: ['SIMPEG'], riskAnalysis: 'Layanan berhenti 1 jam.', implementationPlan: 'Pasang pembaruan, uji, aktifkan.',
      'window.start': '2020-01-05T22:00', 'window.end': '2020-01-05T23:00',
    };
    const past = await b.post('/new/change', fields);
    expect(past.status).toBe(422);
    const page = await past.text();
    // The service's own words (change_window_in_past), not linked to one field.
    expect(page).toMatch(/class="error-summary"[\s\S]*<li>Jendela perubahan sudah lewat[^<]*<\/li>/);
    expect(page).toContain('<input type="checkbox" id="f-services-');
    expect(page).toMatch(/value="SIMPEG" checked/);

    const ok = await b.post('/new/change', { ...fields, 'window.start': '2030-01-05T22:00', 'window.end': '2030-01-05T23:00' });
    expect(ok.status).toBe(303);
    const view = await system().call(initiator.username, 'GET', `/api/v1/cases/${ok.headers.get('location')!.split('/').pop()}`);
    expect(view.body).toMatchObject({ type: 'change', title: 'Pembaruan server SIMPEG' });
    expect(JSON.stringify(view.body.data)).toContain('2030-01-05T15:00:00'); // 22:00 WIB
  });

  it('puts a release plan\'s errors on the rows and sections they belong to', async () => {
    const author = serang.users.find((u) => FORM_KINDS.find((k) => k.kind === 'release')!.allowed(serang.profile, { kind: 'user', tenantId: 'serang', username: u.username, name: u.name, roles: u.roles }))!;
    const b = await browserOf(author.username);
    const html = await (await b.get('/new/release?change=CHG-2026-999999')).text();
    expect(html).toContain('<option value="CHG-2026-999999" selected>');
    const added = await b.post('/new/release', { _csrf: hidden(html, '_csrf'), _add: 'steps', 'steps.0.title': 'Hentikan layanan' });
    expect(added.status).toBe(200);
    const more = await added.text();
    expect(more).toContain('id="f-steps-3-title"'); // a fourth step row, the typed one kept
    expect(tagOf(more, 'f-steps-0-title')).toContain('value="Hentikan layanan"');

    const res = await b.post('/new/release', {
      _csrf: hidden(html, '_csrf'), change: 'CHG-2026-999999', title: 'Rilis v2', 'steps.1.instructions': 'Tanpa judul',
      'window.start': '2030-01-05T22:00', expectedDowntimeMinutes: 'dua',
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('id="f-steps-1-title-error"'); // the second row, where the instructions were typed
    expect(page).toContain('id="f-contents-error"'); // no contents at all: the section says so
    expect(page).toContain('id="f-window-end-error"');
    expect(page).toContain('id="f-expectedDowntimeMinutes-error"');
    expect(tagOf(page, 'f-window-start')).toContain('value="2030-01-05T22:00"');
  });
});

describe('form fields to the API body', () => {
  it('reads a local date-time in the tenant\'s zone and skips blank rows, keeping their numbers for the errors', () => {
    expect(localToIso('2026-12-05T22:00', 'Asia/Jakarta')).toBe('2026-12-05T22:00:00+07:00');
    expect(localToIso('2026-12-05T22:00', 'Asia/Jayapura')).toBe('2026-12-05T22:00:00+09:00');
    const built = buildBody([
      { fields: [{ name: 'window.start', type: 'datetime', label: 's' }, { name: 'window.end', type: 'datetime', label: 'e' }, { name: 'items', type: 'list', label: 'i' }] },
      { group: { name: 'steps', legend: 'S', rowLabel: 'R', minRows: 3, fixed: { kind: 'manual' }, idPrefix: 'langkah', fields: [{ name: 'title', type: 'text', label: 't' }] } },
    ], { 'window.start': '', 'window.end': '', items: 'a\nb, c', 'steps.0.title': '', 'steps.1.title': 'Satu', 'steps.2.title': '' }, 'Asia/Jakarta');
    expect(built.body).toEqual({ items: ['a', 'b', 'c'], steps: [{ kind: 'manual', id: 'langkah-2', title: 'Satu' }] });
    expect(built.fieldOf('steps.0.title')).toBe('steps.1.title');
  });
});
