// The console end to end in a real browser (Debian's Chromium through playwright-core) against a whole
// Sigap (PostgreSQL, Temporal, worker): people sign in through /auth/login and the demo identity provider,
// a requester submits a request with the form, the service owner approves it from the inbox, the case page
// shows the new state, clocks and timeline; an administrator replays a failed rollback. Every main page is
// photographed (test/.artifacts/screenshots/) and checked with axe-core: no serious or critical violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { useTestSystem } from '../../support/system.ts';
import { startDeployTarget, type DeployTarget } from '../../support/deployTarget.ts';
import { approvedChange, releasePlan, waitForState } from '../../support/releaseFlow.ts';
import { axeViolations, horizontalOverflow, launchBrowser, newContext, screenshot, signIn } from '../../support/browser.ts';

const system = useTestSystem();
let browser: Browser;
let target: DeployTarget;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  [browser, target] = await Promise.all([launchBrowser(), startDeployTarget()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await target?.close();
}, 30_000);

/** A browser profile signed in as a demo user of serang, on `returnTo` (on a desktop, or on a phone). */
async function personAt(username: string, returnTo: string, options: { phone?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  scriptErrors.set(page, errors);
  await signIn(page, system().baseUrl, `serang:${username}`, returnTo);
  return page;
}
/** Uncaught errors of the pages' scripts (console.js): progressive enhancement must not break. */
const scriptErrors = new WeakMap<Page, string[]>();

/** Screenshot, then the axe check of the page as it is (and no script error so far). */
async function photographAndCheck(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ page: name, violations: await axeViolations(page), scriptErrors: scriptErrors.get(page) }).toEqual({ page: name, violations: [], scriptErrors: [] });
}

const url = (path: string) => `${system().baseUrl}${path}`;

test('a request submitted in the console is approved from the inbox and the case page shows what happened', async () => {
  // The requester fills in the form.
  const requester = await personAt('pemohon', '/new/request');
  await photographAndCheck(requester, 'form-request');
  await requester.getByLabel(/Layanan yang diminta/).selectOption('HOSTING-APP'); // needs the service owner's approval
  await requester.getByLabel(/^Judul/).fill('Hosting aplikasi e-Perizinan (uji peramban)');
  await requester.getByLabel(/Deskripsi permintaan/).fill('Mohon disediakan VM 4 vCPU untuk aplikasi e-Perizinan.');
  await requester.getByRole('button', { name: 'Kirim', exact: true }).click();
  await requester.waitForURL(/\/cases\/[^/?]+$/);
  const caseId = decodeURIComponent(new URL(requester.url()).pathname.split('/').pop() as string);
  await photographAndCheck(requester, 'case-submitted');
  const submitted = (await system().call('pengelola', 'GET', `/api/v1/cases/${caseId}`)).body as { id: string; number: string; title: string };
  expect(submitted.title).toBe('Hosting aplikasi e-Perizinan (uji peramban)');
  await system().started(submitted.id);

  // The service desk classifies it (through the API: not what this test is about); the owner's decision waits.
  const classified = await system().call('pengelola', 'POST', `/api/v1/cases/${submitted.id}/actions/classify`, { classification: 'fulfilment', priority: 'medium' });
  expect(classified.body.state).toBe('awaiting_approval');

  // The service owner finds it in the inbox and approves it there with a comment.
  const owner = await personAt('penyedia', '/inbox');
  const row = owner.getByRole('row').filter({ hasText: submitted.number });
  await expect(row.count()).resolves.toBe(1);
  await photographAndCheck(owner, 'inbox');
  await owner.goto(url(`/cases/${submitted.id}`));
  const timelineRows = async () => owner.locator('table.cases-timeline tbody tr').count();
  const before = await timelineRows();
  await owner.goto(url('/inbox'));
  const form = owner.getByRole('form', { name: new RegExp(submitted.number) });
  await form.getByLabel(/^Catatan/).fill('Disetujui dari konsol.');
  await form.getByRole('button', { name: 'Setujui' }).click();
  await owner.waitForLoadState('load');
  await expect(owner.getByRole('status').textContent()).resolves.toContain(submitted.number);
  expect((await system().call('penyedia', 'GET', `/api/v1/cases/${submitted.id}`)).body.state).toBe('awaiting_assignment');

  // The case page: the new state, the decision on the timeline with who made it, the clocks as they are now.
  // The page's own clock is a fake one (Playwright), so the live SLA clock can be seen moving on.
  await owner.clock.install();
  await owner.goto(url(`/cases/${submitted.number}`));
  await expect(owner.locator('.cases-state').textContent()).resolves.toBe('Menunggu penugasan');
  expect(await timelineRows()).toBeGreaterThan(before);
  await expect(owner.locator('table.cases-timeline tbody tr').last().textContent()).resolves.toMatch(/Bambang Sutrisno/);
  const clock = owner.locator('[data-clock][data-running="true"]').first();
  const remaining = async () => ({ text: await clock.locator('[data-remaining]').textContent(), pct: Number(await clock.locator('progress').getAttribute('value')) });
  const now = await remaining();
  await owner.clock.fastForward('30:00:00');
  const later = await remaining();
  expect(later.text).not.toBe(now.text);
  expect(await clock.locator('progress').evaluate((el) => (el as unknown as { value: number }).value)).toBeGreaterThan(now.pct);
  await photographAndCheck(owner, 'case-approved');

  // The other main pages of the same person.
  await owner.goto(url('/cases'));
  await expect(owner.getByRole('link', { name: submitted.number }).count()).resolves.toBeGreaterThan(0);
  await photographAndCheck(owner, 'cases');
  await owner.goto(url('/dashboard'));
  await photographAndCheck(owner, 'dashboard');
}, 120_000);

test('an administrator replays a failed rollback from the console', async () => {
  target.program('ui-deploy-app', { mode: 'sync' });
  target.program('ui-migrate-db', { mode: 'sync', result: 'failed', message: 'migrasi gagal: kolom sudah ada' });
  target.program('ui-undo-app', { rejectStatus: 422 });
  target.health('ui-homepage', { status: 200 });
  const change = await approvedChange(system());
  const created = await system().call('teknis', 'POST', '/api/v1/releases', releasePlan(target, 'ui', change.number));
  expect(created.status).toBe(201);
  await system().started(created.body.id);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${created.body.id}/actions/decide_plan`, { decision: 'approve', note: 'Rencana disetujui' })).status).toBe(200);
  await waitForState(system(), 'penyedia', created.body.id, ['rollback_failed']);

  const admin = await personAt('admin', '/admin');
  await photographAndCheck(admin, 'admin');
  await admin.goto(url('/admin/rollbacks'));
  const card = admin.getByRole('region', { name: new RegExp(created.body.number) });
  await expect(card.count()).resolves.toBe(1);
  await photographAndCheck(admin, 'admin-rollbacks');

  target.program('ui-undo-app', { mode: 'sync' });
  await card.getByLabel(/Catatan pengulangan/).fill('Kredensial pipeline diperbarui.');
  await card.getByRole('button', { name: 'Ulangi rollback' }).click();
  await admin.waitForLoadState('load');
  const done = await waitForState(system(), 'penyedia', created.body.id, ['reviewing']);
  expect(done.data).toMatchObject({ outcome: 'rolled_back', rollback: { done: ['undo-db', 'undo-app'], failure: null } });
  const timeline = (await system().call('admin', 'GET', `/api/v1/cases/${created.body.id}/timeline`)).body.events as Array<{ action: string; actor: { username: string } }>;
  expect(timeline.find((e) => e.action === 'replay_rollback')?.actor.username).toBe('admin');
  await photographAndCheck(admin, 'admin-rollbacks-replayed');

  // Someone else is refused the administration pages.
  const other = await personAt('teknis', '/inbox');
  const refused = await other.goto(url('/admin/rollbacks'));
  expect(refused?.status()).toBe(403);
}, 150_000);

test('the other pages pass the accessibility check too: reports, the forms, every administration page, in English as well', async () => {
  const admin = await personAt('admin', '/admin');
  const sections = await admin.locator('ul.admin-sections a').evaluateAll((links) => links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')));
  expect(sections.length).toBeGreaterThan(3);
  for (const path of ['/reports', '/new', ...sections]) {
    const res = await admin.goto(url(path));
    expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
    await photographAndCheck(admin, `page${path.replace(/\//g, '-')}`);
  }
  // English: the same pages say so (lang="en") and stay accessible.
  const requester = await personAt('pemohon', '/new/request?lang=en');
  await expect(requester.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(requester.getByLabel(/Requested service/).count()).resolves.toBe(1);
  await photographAndCheck(requester, 'form-request-en');
  await requester.goto(url('/inbox'));
  await photographAndCheck(requester, 'inbox-en');
}, 120_000);

test('on a phone the pages fit the screen, and a form sent with errors puts the keyboard focus on what to fix', async () => {
  const requester = await personAt('pemohon', '/new/request', { phone: true });
  await requester.getByRole('button', { name: 'Kirim', exact: true }).click();
  await requester.waitForLoadState('load');
  // The summary of errors has the focus: a screen reader reads it first, Tab goes on to its links.
  await expect(requester.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className)).resolves.toContain('error-summary');
  await expect(requester.locator('[aria-invalid="true"]').count()).resolves.toBeGreaterThan(0);
  await requester.keyboard.press('Tab');
  await expect(requester.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute('href'))).resolves.toMatch(/^#/);
  const pages: Array<[Page, string]> = [[requester, '/new/request'], [requester, '/inbox'], [requester, '/cases'], [requester, '/new/incident']];
  const owner = await personAt('penyedia', '/inbox', { phone: true });
  const admin = await personAt('admin', '/admin', { phone: true });
  const created = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi (uji ponsel)', description: 'Mohon VM untuk aplikasi layanan publik.' });
  expect(created.status).toBe(201);
  const anyCase = created.body as { number: string };
  pages.push([owner, '/inbox'], [owner, '/dashboard'], [owner, `/cases/${anyCase.number}`], [owner, '/reports'],
    [admin, '/admin'], [admin, '/admin/rollbacks'], [admin, '/admin/api-keys'], [admin, '/admin/delegations'], [admin, '/admin/catalogue']);
  for (const [page, path] of pages) {
    await page.goto(url(path));
    expect({ path, overflow: await horizontalOverflow(page) }).toEqual({ path, overflow: 0 });
    await photographAndCheck(page, `phone${path.replace(/\//g, '-')}`);
  }
}, 150_000);
