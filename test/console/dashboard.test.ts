// The process owners' dashboard and the reports page of the console against the real system: the dashboard
// counts the cases the test creates (open per process and state, breaches of this month, SLA attainment per
// service), requesters are refused, and the reports page lists Formulir A–I with forms that build the
// report through the API's service (a PDF with the session cookie; the API's own endpoint accepts the cookie
// too) and bring a refused parameter back next to its field.
import { randomUUID } from 'node:crypto';
import type { TokenResponse } from '../../api/auth/oidcClient.ts';
import { createSessionStore } from '../../api/auth/sessions.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { ensureEvaluationSchedules } from '../../api/services/evaluationSchedule.ts';
import { listReports } from '../../api/services/reports.ts';
import { demoTenants } from '../../scripts/demo.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const serang = demoTenants().find((t) => t.id === 'serang')!;

function principalOf(username: string): Principal {
  const user = serang.users.find((u) => u.username === username)!;
  return { kind: 'user', tenantId: 'serang', username, name: user.name, roles: user.roles, unit: user.unit, nip: user.nip };
}

/** A console session for a demo user, as a browser holds it after signing in. */
async function browserOf(username: string) {
  const { setCookie } = await createSessionStore(system().deps).create(principalOf(username), { expiresIn: () => undefined } as unknown as TokenResponse);
  const cookie = setCookie.split(';')[0]!;
  return (path: string) => fetch(`${system().baseUrl}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
}

const sql = <T>(query: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(query, params);

/** The open count the dashboard shows for a process and state (0 when the row is absent). */
const openCount = (html: string, caseType: string, state: string) =>
  Number(new RegExp(`data-open="${caseType}:${state}"><a [^>]*>(\\d+)<`).exec(html)?.[1] ?? 0);
/** The opening tag of the element with this id. */
const tagOf = (html: string, id: string) => new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

/** A case closed a minute ago outside any workflow (history for the attainment figures). */
async function closedCase(service: string, slaMet: boolean): Promise<string> {
  const id = randomUUID();
  const closedAt = new Date(Date.now() - 60_000);
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, requester_username, sla_met, created_at, closed_at)
     values (?, 'serang', 'request', ?, ?, ?, 'Riwayat dasbor', 'fulfilled', 'pemohon', ?, ?, ?)`,
    [id, `REQ-DASH-${id.slice(0, 8)}`, `dashboard-test-${id}`, service, slaMet, new Date(closedAt.getTime() - 3_600_000), closedAt]);
  return id;
}

/** A breach as the workflows record it in the audit trail, at `at`. */
const breachEvent = (caseId: string, action: string, at: Date) =>
  sql(`insert into case_event (case_id, seq, at, actor, action, payload, hash) values (?, 1, ?, 'system', ?, '{}', 'test')`, [caseId, at, action]);

describe('dashboard', () => {
  it('counts the open cases per process and state, this month\'s breaches and the SLA attainment per service', async () => {
    const get = await browserOf('penyedia');
    const before = await (await get('/dashboard')).text();

    const created: string[] = [];
    for (const catalogueItem of ['AKUN-EMAIL', 'VICON']) {
      const res = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem, title: `Dasbor ${catalogueItem}`, description: 'Untuk dasbor.' });
      expect(res.status).toBe(201);
      created.push(res.body.id as string);
      await system().started(res.body.id as string);
    }
    const states = await sql<{ state: string }>('select state from sigap_case where id = any(?::uuid[])', [`{${created.join(',')}}`]);
    const expected = new Map<string, number>();
    for (const { state } of states) expected.set(state, (expected.get(state) ?? 0) + 1);

    const met = await closedCase('VICON', true);
    const missed = await closedCase('VICON', false);
    await breachEvent(missed, 'resolution_breached', new Date(Date.now() - 120_000));
    await breachEvent(met, 'sla_breached', new Date(Date.now() - 40 * 86_400_000)); // an earlier month: not counted

    await ensureEvaluationSchedules(system().deps); // the API server's start-up does this in a deployment

    const res = await get('/dashboard');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [state, n] of expected) expect(openCount(html, 'request', state)).toBe(openCount(before, 'request', state) + n);
    expect(html).toContain('<th scope="rowgroup"');
    expect(html).toMatch(/data-breaches="request">1</);
    const vicon = /<tr data-service="VICON">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(vicon).toContain('<td class="num sla-missed">50% (1/2)</td>');
    expect(html).toMatch(/<svg [^>]*role="img" aria-label="Capaian SLA [^"]+ per bulan">/);
    // The next runs of the tenant's Schedules (present or not, every kind is listed).
    expect(html).toContain('Jadwal berkala berikutnya');
    expect(html).toMatch(/<th scope="row">Evaluasi<\/th>\s*<td>–<\/td>\s*<td><time datetime="[^"]+" data-local>/);
    expect(html).not.toContain('Tidak dapat dibaca dari Temporal');

    const en = await (await get('/dashboard?lang=en&months=12')).text();
    expect(en).toContain('Open cases per process and state');
    expect(en).toContain('<option value="12" selected>');
  });

  it('refuses a requester and sends a visitor without a session to sign in', async () => {
    const res = await (await browserOf('pemohon'))('/dashboard');
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Peran tidak memadai');
    expect(html).toContain('staf (semua peran kecuali Pemohon)');
    const anonymous = await fetch(`${system().baseUrl}/dashboard`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/auth/login?returnTo=%2Fdashboard');
  });
});

describe('reports', () => {
  it('lists Formulir A–I with a form per report and downloads a PDF with the session cookie', async () => {
    const get = await browserOf('penyedia');
    const res = await get('/reports');
    expect(res.status).toBe(200);
    const html = await res.text();
    const { items } = await listReports(system().deps, principalOf('penyedia'));
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) expect(items.map((i) => i.id)).toContain(id);
    for (const item of items) {
      expect(html).toContain(`<section id="rep-${item.id}"`);
      expect(html).toContain(`<form method="get" action="/reports/${item.id}"`);
    }
    expect(html).toContain('<label for="rep-f-month">Bulan</label>');
    expect(html).toContain(`<p class="muted hint" id="rep-f-case-hint">Contoh: AVL-`);
    expect(html).toMatch(/<button type="submit" name="format" value="pdf"[^>]*>Unduh PDF<\/button>/);

    const pdf = await get('/reports/a?format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // The API's endpoint reads the console's session cookie as well (GET needs no CSRF token).
    const csv = await get('/api/v1/reports/a?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
  }, 60_000);

  it('brings a refused parameter back next to its field with what was typed', async () => {
    const get = await browserOf('penyedia');
    const bad = await get('/reports/f?month=2026-13&format=html');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const input = tagOf(html, 'rep-f-month');
    expect(input).toContain('value="2026-13"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toMatch(/aria-describedby="rep-f-month-hint rep-f-month-error-0"/);
    expect(html).toMatch(/class="error-summary"[\s\S]*<a href="#rep-f-month">/);

    const backwards = await get('/reports/i?from=2026-05-01&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect(tagOf(await backwards.text(), 'rep-i-to')).toContain('aria-invalid="true"');
  });
});
