// Problem management and the periodic review as pure rules: who acts, the state machine, the KEDB
// record, review periods and the recurrence threshold.
import fc from 'fast-check';
import { getProfile } from '../../policy/profiles/index.ts';
import {
  applyProblemCommand, DEFAULT_RECURRENCE_THRESHOLD, dedupeKeys, effectivenessCheckDueAt, findingOutcome, FIX_OBSERVATION, knownErrorEntry, linkIncidents,
  newProblemCase, parsePeriod, periodBetween, periodEndedBy, problemRefusal, problemRoles, problemSnapshot, recurrenceThreshold, reviewIntervalMonths,
  reviewMonths, type ProblemCase, type ProblemCommand,
} from '../../policy/problem.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { problemActors as who, problemInput } from '../fixtures/problems.ts';

const serang = getProfile('serang');
const dpr = getProfile('dpr');
const kemenkeu = getProfile('kemenkeu');
const yogyakarta = getProfile('yogyakarta');
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const WIB = 7 * 3_600_000;

function run(c: ProblemCase, steps: Array<[Actor, ProblemCommand]>, profile = serang): ProblemCase {
  return steps.reduce((acc, [actor, cmd], i) => {
    expect(problemRefusal(acc, cmd, actor, profile)).toBeNull();
    return applyProblemCommand(acc, cmd, actor, profile, T0 + i * 60_000);
  }, c);
}

test('who performs, who is reported to and who reviews the fix come from each profile', () => {
  expect(problemRoles(serang)).toMatchObject({ performer: 'technical_team', reportTo: 'service_owner', reviewer: 'service_owner' }); // B.3.5, B.3.5 c
  expect(problemRoles(yogyakarta)).toMatchObject({ performer: 'service_desk', reportTo: 'service_owner', reviewer: 'service_owner' }); // Tabel 6
  expect(problemRoles(kemenkeu)).toMatchObject({ performer: 'problem_coordinator', reportTo: null, reviewer: 'problem_coordinator' }); // F.1.b.3, F.3
  expect(problemRoles(dpr)).toMatchObject({ performer: 'technical_team', reportTo: null }); // Pasal 20
  expect(problemRoles(serang).reviewRunners).toEqual(['service_owner', 'service_coordinator', 'administrator']);
  expect(problemRoles(kemenkeu).reviewRunners).toEqual(expect.arrayContaining(['service_owner', 'problem_coordinator', 'administrator']));
});

test('the full path: classification from the matrix, known error, change hand-over, fix, effectiveness review, closed', () => {
  let c = newProblemCase(problemInput({ openedAt: T0 }));
  expect(problemSnapshot(c, serang).waitingFor).toEqual([{ action: 'classify', party: { kind: 'role', roles: ['technical_team'] } }]);
  expect(problemRefusal(c, { action: 'classify', impact: 'mayor', category: 'x' }, who.desk, serang)).toEqual({ code: 'missing_role', roles: ['technical_team'] });
  c = run(c, [[who.tech, { action: 'classify', impact: 'mayor', category: 'Aplikasi tidak dapat diakses' }]]);
  // serang Tabel 4.4: mayor × publik × kritis = P1
  expect(c).toMatchObject({ state: 'investigating', priority: 'P1', classification: { priorityBasis: 'matrix' }, handler: { username: 'teknis' } });
  c = run(c, [[who.tech, { action: 'record_root_cause', cause: 'Pool koneksi basis data habis', analysis: 'Log menunjukkan timeout' }]]);
  expect(c.state).toBe('investigating');
  expect(knownErrorEntry(c)).toBeNull(); // a known error needs the workaround too (kemenkeu Lampiran I A.17)
  expect(problemSnapshot(c, serang).waitingFor.map((w) => w.action)).toEqual(['record_workaround']);
  c = run(c, [[who.tech, { action: 'record_workaround', workaround: 'Mulai ulang layanan aplikasi' }]]);
  expect(c.state).toBe('known_error');
  expect(knownErrorEntry(c)).toMatchObject({ status: 'workaround', cause: 'Pool koneksi basis data habis', workaround: 'Mulai ulang layanan aplikasi', serviceCode: 'PERIZINAN-ONLINE' });

  c = run(c, [[who.tech, { action: 'propose_fix', fix: 'Naikkan ukuran pool dan tambah replika', needsChange: true }]]);
  expect(c).toMatchObject({ state: 'awaiting_change', changeHandover: { needed: true, link: null, status: 'awaiting_change_management' } });
  expect(knownErrorEntry(c)?.status).toBe('change_pending');
  c = run(c, [[who.tech, { action: 'apply_fix', note: 'Perubahan dijalankan', changeReference: 'CHG-2026-000007' }]]);
  expect(c).toMatchObject({ state: 'reviewing', changeHandover: { link: 'CHG-2026-000007', status: 'implemented' } });
  expect(effectivenessCheckDueAt(c)).toBe(c.fix!.appliedAt! + FIX_OBSERVATION.ms);
  expect(problemRefusal(c, { action: 'review_fix', effective: true, note: 'x' }, who.tech, serang)).toEqual({ code: 'missing_role', roles: ['service_owner'] });
  c = run(c, [[who.owner, { action: 'review_fix', effective: true, note: 'Tidak berulang selama 30 hari' }]]);
  expect(c.state).toBe('closed');
  expect(knownErrorEntry(c)?.status).toBe('resolved');
  expect(problemSnapshot(c, serang)).toMatchObject({ state: 'closed', waitingFor: [], closedAt: expect.any(String) });
  expect(problemRefusal(c, { action: 'progress', note: 'x' }, who.tech, serang)).toEqual({ code: 'case_closed', state: 'closed' });
});

test('an ineffective fix reopens the analysis; the KEDB keeps the last cause until a new one is found', () => {
  let c = run(newProblemCase(problemInput({ openedAt: T0 })), [
    [who.tech, { action: 'classify', impact: 'minor', category: 'Lambat' }],
    [who.tech, { action: 'record_workaround', workaround: 'Bersihkan cache' }],
    [who.tech, { action: 'record_root_cause', cause: 'Cache penuh' }],
    [who.tech, { action: 'propose_fix', fix: 'Jadwalkan pembersihan cache', needsChange: false }],
    [who.tech, { action: 'apply_fix', note: 'Cron dipasang' }],
    [who.owner, { action: 'review_fix', effective: false, note: 'Masih lambat' }],
  ]);
  expect(c).toMatchObject({ state: 'investigating', rootCause: null, fix: null, earlierAnalyses: [{ cause: 'Cache penuh', fix: 'Jadwalkan pembersihan cache' }] });
  expect(knownErrorEntry(c)).toMatchObject({ cause: 'Cache penuh', status: 'workaround', permanentFix: null });
  expect(problemSnapshot(c, serang).waitingFor.map((w) => w.action)).toEqual(['record_root_cause']);
  c = run(c, [[who.tech, { action: 'record_root_cause', cause: 'Indeks basis data hilang' }]]);
  expect(c.state).toBe('known_error');
  expect(knownErrorEntry(c)?.cause).toBe('Indeks basis data hilang');
});

test('priorities: derived from the matrix where there is one, else stated; unknown ones refused', () => {
  const c = newProblemCase(problemInput({ profileId: 'dpr', tenantId: 'dpr' }));
  const tech: Actor = { username: 't', name: 'T', roles: ['technical_team'] };
  expect(problemRefusal(c, { action: 'classify', impact: 'mayor', category: 'x' }, tech, dpr)).toEqual({ code: 'priority_required', allowed: ['high', 'medium', 'low'] });
  expect(problemRefusal(c, { action: 'classify', impact: 'mayor', category: 'x', priority: 'P1' }, tech, dpr)).toMatchObject({ code: 'unknown_priority' });
  expect(applyProblemCommand(c, { action: 'classify', impact: 'mayor', category: 'x', priority: 'high' }, tech, dpr, T0)).toMatchObject({ priority: 'high', classification: { priorityBasis: 'stated' } });
  // serang: a stated priority overrides the matrix
  const s = newProblemCase(problemInput());
  expect(applyProblemCommand(s, { action: 'classify', impact: 'mayor', category: 'x', priority: 'P3' }, who.tech, serang, T0).priority).toBe('P3');
  // kemenkeu: only the problem coordinator acts
  const k = newProblemCase(problemInput({ profileId: 'kemenkeu', tenantId: 'kemenkeu' }));
  expect(problemRefusal(k, { action: 'classify', impact: 'mayor', category: 'x', priority: 'high' }, who.tech, kemenkeu)).toEqual({ code: 'missing_role', roles: ['problem_coordinator'] });
  expect(problemRefusal(k, { action: 'classify', impact: 'mayor', category: 'x', priority: 'high' }, who.problemCoordinator, kemenkeu)).toBeNull();
});

test('incidents join once; linking one twice is refused', () => {
  const input = problemInput();
  const c = newProblemCase(input);
  const again = { action: 'link_incident' as const, incident: input.incidents[0]! };
  expect(problemRefusal(c, again, who.tech, serang)).toEqual({ code: 'incident_already_linked', number: input.incidents[0]!.number });
  const other = { id: 'b', number: 'INC-2026-000200', title: 'x' };
  const { kase, added } = linkIncidents(c, [input.incidents[0]!, other, other]);
  expect(added).toEqual([other]);
  expect(kase.incidents).toHaveLength(2);
});

test('review periods: a review at 00:00 WIB on 1 January covers July–December, on 1 July January–June', () => {
  expect(reviewIntervalMonths(serang)).toBe(6); // «sedikitnya dua kali dalam setahun»
  expect(reviewMonths(6)).toEqual([1, 7]);
  expect(reviewMonths(3)).toEqual([1, 4, 7, 10]);
  const jan1 = Date.UTC(2027, 0, 1) - WIB; // 2026-12-31T17:00Z
  expect(periodEndedBy(jan1, 'Asia/Jakarta', 6)).toMatchObject({
    id: '2026-H2', from: Date.UTC(2026, 6, 1) - WIB, to: jan1, label: { id: 'Semester II 2026 (Juli–Desember)', en: 'Second half of 2026 (July–December)' },
  });
  const jul1 = Date.UTC(2026, 6, 1) - WIB;
  expect(periodEndedBy(jul1, 'Asia/Jakarta', 6)).toMatchObject({ id: '2026-H1', from: Date.UTC(2026, 0, 1) - WIB, to: jul1 });
  expect(periodEndedBy(jul1 - 1, 'Asia/Jakarta', 6).id).toBe('2025-H2'); // one millisecond earlier
  expect(periodEndedBy(jul1 + 20 * 86_400_000, 'Asia/Jakarta', 6).id).toBe('2026-H1'); // a caught-up run
  expect(parsePeriod('2026-H1', 'Asia/Jakarta')).toEqual(periodEndedBy(jul1, 'Asia/Jakarta', 6));
  expect(parsePeriod('2026-Q3', 'Asia/Jakarta')).toMatchObject({ from: Date.UTC(2026, 6, 1) - WIB, to: Date.UTC(2026, 9, 1) - WIB });
  expect(parsePeriod('2026-13', 'Asia/Jakarta')).toBeNull();
  expect(periodBetween('2026-03-01', '2026-03-31', 'Asia/Makassar')).toMatchObject({ from: Date.UTC(2026, 2, 1) - 8 * 3_600_000, to: Date.UTC(2026, 3, 1) - 8 * 3_600_000 });
  expect(periodBetween('2026-02-30', '2026-03-31', 'Asia/Jakarta')).toBeNull();
  expect(periodBetween('2026-04-01', '2026-03-31', 'Asia/Jakarta')).toBeNull();
});

test('property: the period a review covers has ended, and is the latest one that has', () => {
  fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(1, 3, 6, 12), fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'), (t, months, tz) => {
    const p = periodEndedBy(t, tz, months);
    expect(p.to).toBeLessThanOrEqual(t);
    expect(p.from).toBeLessThan(p.to);
    const next = periodEndedBy(p.to + 1, tz, months); // the same boundary: still this period
    expect(next.id).toBe(p.id);
    expect(periodEndedBy(t, tz, months).id).toBe(p.id);
    // the following period has not ended yet at t: less than one period has passed since this one ended
    expect(t - p.to).toBeLessThan(months * 31 * 86_400_000);
    expect(p.to - p.from).toBeGreaterThanOrEqual(months * 28 * 86_400_000);
  }));
});

test('recurrence threshold: the profile\'s where it sets one, else the documented Sigap default of 3', () => {
  expect(recurrenceThreshold(serang)).toEqual(DEFAULT_RECURRENCE_THRESHOLD); // the profile carries the documented default
  expect(DEFAULT_RECURRENCE_THRESHOLD).toEqual({ value: 3, source: { sigapDefault: expect.stringContaining('serang B.3.5 a') } });
  const own = { ...serang, problemReview: { ...serang.problemReview!, recurrenceThreshold: { value: 4, source: { sigapDefault: 'test' } } } };
  expect(recurrenceThreshold(own).value).toBe(4);
});

test('findings: an open problem is joined, an all-linked finding is already handled, else a problem opens', () => {
  expect(findingOutcome(true, [{ linked: false }])).toBe('existing');
  expect(findingOutcome(false, [{ linked: true }, { linked: true }])).toBe('already_handled');
  expect(findingOutcome(false, [{ linked: true }, { linked: false }])).toBe('opened');
  expect(dedupeKeys.serviceCategory('WEB', '  Halaman   LAMBAT ')).toBe('service-category:WEB:halaman lambat');
});
