// The pure rules of disaster recovery: who assesses and declares (roles and eselon, serang Tabel
// 4.4), the base RTO and RPO count from (serang C.3.6 vs yogyakarta/kemenkeu), RTO met iff recovered by
// base + RTO, the RPO data-loss window, causes required for missed targets, and Formulir G.
import fc from 'fast-check';
import {
  actorEselon, applyDisasterCommand, declarationStep, disasterRefusal, disasterRoles, disasterSnapshot, drpEvaluationReport, eselonAtLeast,
  fireProgressReminder, newDisasterCase, nextRtoThreshold, progressReminderDueAt, roleAndEselonRefusal, rpoMet, rtoMet, withBackups,
  type DisasterCase, type DisasterCommand,
} from '../../policy/disaster.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { DAY, HOUR, disasterInput, people, services } from '../fixtures/disaster.ts';

const T0 = Date.parse('2026-11-23T08:00:00+07:00');
const serang = getProfile('serang');
const yogyakarta = getProfile('yogyakarta');
const kemenkeu = getProfile('kemenkeu');
const who = (username: string, roles: string[]): Actor => ({ username, name: username, roles });

function run(c: DisasterCase, steps: Array<[Actor, DisasterCommand, number]>, profile = serang): DisasterCase {
  for (const [actor, cmd, at] of steps) {
    const refusal = disasterRefusal(c, cmd, actor, profile, at);
    if (refusal) throw new Error(`${cmd.action}: ${JSON.stringify(refusal)}`);
    c = applyDisasterCommand(c, cmd, actor, profile, at);
  }
  return c;
}

/** A serang disaster assessed and declared at T0 + 1 h (occurred at T0 - 1 h). */
function declared(overrides: Parameters<typeof disasterInput>[1] = {}): DisasterCase {
  const c = newDisasterCase(disasterInput(T0, { occurredAt: T0 - HOUR, scenario: 'physical_damage', ...overrides }), serang);
  return run(c, [
    [people.recovery, { action: 'record_assessment', step: 1, findings: 'a' }, T0 + 10],
    [people.coordinator, { action: 'record_assessment', step: 2, findings: 'b' }, T0 + 20],
    [people.recovery, { action: 'record_assessment', step: 3, findings: 'c', criteriaMet: true }, T0 + 30],
    [people.head, { action: 'declare', decision: 'disaster', reasons: 'r' }, T0 + HOUR],
  ]);
}

test('eselon: the highest among the roles; a minimum admits higher officials only', () => {
  expect(actorEselon(serang, ['recovery_coordinator'])).toBe('III');
  expect(actorEselon(serang, ['recovery_coordinator', 'head_of_unit'])).toBe('II');
  expect(actorEselon(serang, ['technical_team'])).toBeNull();
  expect(eselonAtLeast('II', 'III')).toBe(true);
  expect(eselonAtLeast('III', 'II')).toBe(false);
  expect(eselonAtLeast(null, 'IV')).toBe(false);
  // A role of the step without the eselon is refused with both levels named.
  const profile = { ...serang, roles: serang.roles.map((r) => (r.id === 'recovery_coordinator' ? { ...r, eselon: 'IV' as const } : r)) };
  expect(roleAndEselonRefusal(profile, people.recovery, ['recovery_coordinator'], 'III')).toEqual({ code: 'eselon_too_low', required: 'III', actual: 'IV' });
  expect(roleAndEselonRefusal(serang, people.tech, ['recovery_coordinator'], 'III')).toEqual({ code: 'missing_role', roles: ['recovery_coordinator'] });
});

test('who starts, assesses and declares follows the profile (serang Tabel 4.4; kemenkeu: the head of unit, a Sigap default)', () => {
  expect(disasterRoles(serang)).toEqual(['recovery_coordinator', 'service_coordinator', 'head_of_unit', 'service_owner', 'technical_team', 'service_desk']);
  expect(declarationStep(serang)).toEqual({ step: 4, roles: ['head_of_unit', 'service_owner'], minEselon: 'II' });
  expect(declarationStep(yogyakarta)).toEqual({ step: 3, roles: ['technical_team'], minEselon: null });
  expect(declarationStep(kemenkeu)).toEqual({ step: null, roles: ['head_of_unit'], minEselon: null });
  const c = newDisasterCase(disasterInput(T0), serang);
  const declare: DisasterCommand = { action: 'declare', decision: 'disaster', reasons: 'r' };
  expect(disasterRefusal(c, declare, people.recovery, serang, T0)).toEqual({ code: 'missing_role', roles: ['head_of_unit', 'service_owner'] });
  expect(disasterRefusal(c, declare, people.head, serang, T0)).toEqual({ code: 'assessments_incomplete', missing: [1, 2, 3] });
  const assessed = run(c, [
    [people.recovery, { action: 'record_assessment', step: 1, findings: 'a' }, T0],
    [people.recovery, { action: 'record_assessment', step: 2, findings: 'b' }, T0],
    [people.recovery, { action: 'record_assessment', step: 3, findings: 'c', criteriaMet: true }, T0],
  ]);
  expect(disasterRefusal(assessed, declare, people.head, serang, T0)).toMatchObject({ code: 'scenario_required' });
  expect(disasterRefusal(assessed, { ...declare, decision: 'not_disaster' }, people.head, serang, T0)).toBeNull();
  const incidentScenario = run(assessed, [[people.recovery, { action: 'choose_scenario', scenario: 'access_failure' }, T0]]);
  expect(disasterRefusal(incidentScenario, declare, people.head, serang, T0)).toEqual({ code: 'scenario_calls_for_incident', scenario: 'access_failure' });
  expect(disasterRefusal(incidentScenario, { action: 'hand_to_incident', reason: 'x' }, people.recovery, serang, T0)).toBeNull();
  expect(disasterRefusal(assessed, { action: 'hand_to_incident', reason: 'x' }, people.recovery, serang, T0)).toEqual({ code: 'scenario_not_for_incident', scenario: null });
  expect(disasterRefusal(c, { action: 'choose_scenario', scenario: 'meteor' }, people.recovery, serang, T0)).toMatchObject({ code: 'unknown_scenario' });
  expect(disasterRefusal(c, { action: 'record_assessment', step: 4, findings: 'x' }, people.head, serang, T0)).toEqual({ code: 'unknown_step', step: 4, allowed: [1, 2, 3] });
  // kemenkeu has no assessment steps: its head of unit declares at once.
  const k = newDisasterCase(disasterInput(T0, { profileId: 'kemenkeu', tenantId: 'kemenkeu' }), kemenkeu);
  expect(disasterRefusal(k, declare, who('pimpinan', ['head_of_unit']), kemenkeu, T0)).toBeNull();
});

test('re-recording a step replaces it and stays in the timeline; not_disaster closes with the reasons', () => {
  const c = run(newDisasterCase(disasterInput(T0), serang), [
    [people.recovery, { action: 'record_assessment', step: 1, findings: 'first' }, T0],
    [people.coordinator, { action: 'record_assessment', step: 1, findings: 'second' }, T0 + 1],
  ]);
  expect(c.assessments).toEqual([expect.objectContaining({ step: 1, findings: 'second', by: 'koordinator', role: 'service_coordinator' })]);
  expect(c.timeline.map((t) => t.what.en)).toEqual(['Event recorded', expect.stringMatching(/^Step recorded 1/), expect.stringMatching(/^Step updated 1/)]);
  const done = run(c, [
    [people.recovery, { action: 'record_assessment', step: 2, findings: 'b' }, T0],
    [people.recovery, { action: 'record_assessment', step: 3, findings: 'c', criteriaMet: false }, T0],
    [people.owner, { action: 'declare', decision: 'not_disaster', reasons: 'Kurang dari 3 hari' }, T0 + 5],
  ]);
  expect(done).toMatchObject({ state: 'not_declared', closedAt: T0 + 5, declaration: { decision: 'not_disaster', reasons: 'Kurang dari 3 hari', role: 'service_owner' } });
  expect(disasterRefusal(done, { action: 'cancel', reason: 'x' }, people.recovery, serang, T0)).toEqual({ code: 'case_closed', state: 'not_declared' });
});

test('RTO and RPO count from the declaration in serang and from the disaster in yogyakarta', () => {
  const s = declared();
  expect(s.baseAt).toBe(T0 + HOUR);
  expect(s.clocks.map((k) => [k.id, k.startedAt, k.targetMs])).toEqual([['rto:PERIZINAN-ONLINE', T0 + HOUR, DAY], ['rto:SIMPEG', T0 + HOUR, 2 * HOUR]]);
  expect(nextRtoThreshold(s)).toMatchObject({ service: 'SIMPEG', threshold: { id: 'warning-500' }, dueAt: T0 + 2 * HOUR });
  const y = run(newDisasterCase(disasterInput(T0, { profileId: 'yogyakarta', tenantId: 'yogyakarta', occurredAt: T0 - HOUR }), yogyakarta), [
    [people.tech, { action: 'record_assessment', step: 1, findings: 'a' }, T0],
    [people.tech, { action: 'record_assessment', step: 2, findings: 'b', criteriaMet: true }, T0],
    [people.tech, { action: 'declare', decision: 'disaster', reasons: 'r' }, T0 + HOUR],
  ], yogyakarta);
  expect(y.baseAt).toBe(T0 - HOUR);
  expect(y.clocks[0]!.startedAt).toBe(T0 - HOUR);
});

test('RTO met iff recovered at or before base + RTO (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 1, max: 2 * DAY }), (after, rto) => {
    let c = declared({ services: [{ ...services.perizinan, rtoMs: rto }] });
    const base = c.baseAt!;
    const recoveredAt = new Date(base + after).toISOString();
    c = run(c, [[people.recovery, { action: 'activate_drc', note: 'n' }, base], [people.tech, { action: 'confirm_recovery', service: 'PERIZINAN-ONLINE', recoveredAt, note: 'ok' }, base + 3 * DAY]]);
    return rtoMet(c, 'PERIZINAN-ONLINE') === (after <= rto);
  }));
});

test('recovery times outside [base, now] and unknown services are refused', () => {
  const c = declared();
  const confirm = (recoveredAt?: string): DisasterCommand => ({ action: 'confirm_recovery', service: 'SIMPEG', note: 'n', ...(recoveredAt ? { recoveredAt } : {}) });
  const now = T0 + 5 * HOUR;
  expect(disasterRefusal(c, confirm(new Date(T0).toISOString()), people.tech, serang, now)).toMatchObject({ code: 'recovered_at_out_of_range' });
  expect(disasterRefusal(c, confirm(new Date(now + 1).toISOString()), people.tech, serang, now)).toMatchObject({ code: 'recovered_at_out_of_range' });
  expect(disasterRefusal(c, confirm('kemarin'), people.tech, serang, now)).toEqual({ code: 'invalid_time', field: 'recoveredAt' });
  expect(disasterRefusal(c, { ...confirm(), service: 'WEBSITE' } as DisasterCommand, people.tech, serang, now)).toMatchObject({ code: 'service_not_affected', service: 'WEBSITE' });
  expect(disasterRefusal(c, confirm(), people.desk, serang, now)).toMatchObject({ code: 'missing_role' });
  expect(disasterRefusal(c, confirm(), people.tech, serang, now)).toBeNull();
  expect(disasterRefusal(c, { action: 'cancel', reason: 'x' }, people.head, serang, now)).toEqual({ code: 'not_waiting_for_action', state: 'declared' });
});

test('RPO: the data-loss window base − last good backup against the RPO; unknown without a backup (property)', () => {
  const c = declared();
  expect(rpoMet(c, 'SIMPEG')).toBeNull();
  fc.assert(fc.property(fc.integer({ min: 0, max: 3 * HOUR }), (loss) => {
    const withBackup = withBackups(c, { SIMPEG: { at: c.baseAt! - loss, reportedBy: 'teknis', source: 'manual' } });
    return rpoMet(withBackup, 'SIMPEG') === (loss <= HOUR);
  }));
  // An integration (API key) may report a backup; the source says so.
  const reported = applyDisasterCommand(c, { action: 'report_backup', service: 'SIMPEG', lastGoodBackupAt: new Date(T0).toISOString() }, who('apikey:backup', []), serang, T0 + 2 * HOUR);
  expect(reported.services[1]!.lastGoodBackup).toEqual({ at: T0, reportedBy: 'apikey:backup', source: 'integration' });
  expect(disasterRefusal(c, { action: 'report_backup', service: 'SIMPEG', lastGoodBackupAt: new Date(T0 + 3 * HOUR).toISOString() }, people.tech, serang, T0 + 2 * HOUR)).toEqual({ code: 'backup_in_future' });
});

test('progress reminders: every interval after the declaration, restarted by an update, none after normalisation', () => {
  let c = declared({ services: [services.website] });
  expect(progressReminderDueAt(c)).toBe(T0 + 5 * HOUR);
  c = fireProgressReminder(c, serang);
  expect(progressReminderDueAt(c)).toBe(T0 + 9 * HOUR);
  c = run(c, [[people.recovery, { action: 'post_progress', message: 'm' }, T0 + 6 * HOUR]]);
  expect(progressReminderDueAt(c)).toBe(T0 + 10 * HOUR);
  c = run(c, [
    [people.recovery, { action: 'activate_drc', note: 'n' }, T0 + 7 * HOUR],
    [people.recovery, { action: 'confirm_recovery', service: 'WEBSITE', note: 'n' }, T0 + 8 * HOUR],
    [people.recovery, { action: 'normalise', note: 'n' }, T0 + 9 * HOUR],
  ]);
  expect(progressReminderDueAt(c)).toBeNull();
});

test('the evaluation needs a cause for each missed target and yields Formulir G', () => {
  let c = declared();
  const base = c.baseAt!;
  c = withBackups(c, { 'PERIZINAN-ONLINE': { at: base - HOUR, reportedBy: 'teknis', source: 'manual' } });
  c = run(c, [
    [people.recovery, { action: 'activate_drc', note: 'DRC' }, base + HOUR],
    [people.tech, { action: 'confirm_recovery', service: 'PERIZINAN-ONLINE', note: 'ok' }, base + 10 * HOUR],
    [people.tech, { action: 'confirm_recovery', service: 'SIMPEG', recoveredAt: new Date(base + 3 * HOUR).toISOString(), note: 'late' }, base + 11 * HOUR],
    [people.recovery, { action: 'normalise', note: 'n' }, base + 12 * HOUR],
  ]);
  expect(rtoMet(c, 'SIMPEG')).toBe(false);
  const evaluate = (causes: Array<{ service: string; cause: string }>): DisasterCommand => ({ action: 'evaluate', causes, obstacles: 'o', improvements: ['i'] });
  expect(disasterRefusal(c, evaluate([]), people.recovery, serang, base + DAY)).toEqual({ code: 'cause_required', services: ['SIMPEG'] });
  expect(disasterRefusal(c, evaluate([{ service: 'SIMPEG', cause: ' ' }]), people.recovery, serang, base + DAY)).toEqual({ code: 'cause_required', services: ['SIMPEG'] });
  expect(disasterRefusal(c, evaluate([{ service: 'SIMPEG', cause: 'c' }]), people.tech, serang, base + DAY)).toMatchObject({ code: 'missing_role' });
  c = run(c, [[people.recovery, evaluate([{ service: 'SIMPEG', cause: 'Restorasi lambat' }]), base + DAY]]);
  const snap = disasterSnapshot(c, serang, base + DAY);
  expect(snap).toMatchObject({ state: 'closed', breached: true, slaMet: false, waitingFor: [] });
  const report = drpEvaluationReport(c, serang);
  expect(report.services.map((s) => [s.code, s.rto?.met, s.rto?.achievedMs, s.rpo?.met, s.cause])).toEqual([
    ['PERIZINAN-ONLINE', true, 10 * HOUR, true, null], ['SIMPEG', false, 3 * HOUR, null, 'Restorasi lambat'],
  ]);
  expect(report).toMatchObject({ measuredFrom: 'declaration', drcActivatedAt: new Date(base + HOUR).toISOString(), normalisedAt: new Date(base + 12 * HOUR).toISOString(), evaluatedBy: { username: 'pemulihan' } });
  expect(report.timeline.map((t) => t.at)).toEqual([...report.timeline.map((t) => t.at)].sort());
});

test('Kritis services without RTO/RPO or an approved DRP are flagged; cancel only before the declaration', () => {
  const c = newDisasterCase(disasterInput(T0, { services: [services.website, services.perizinan] }), serang);
  expect(disasterSnapshot(c, serang, T0).data.gaps).toEqual([{ service: 'WEBSITE', missing: ['rto', 'rpo', 'drp'] }]);
  expect(disasterRefusal(c, { action: 'cancel', reason: 'x' }, people.tech, serang, T0)).toEqual({ code: 'missing_role', roles: ['recovery_coordinator', 'head_of_unit'] });
  expect(applyDisasterCommand(c, { action: 'cancel', reason: 'Alarm palsu' }, people.head, serang, T0 + 1)).toMatchObject({ state: 'cancelled', closedAt: T0 + 1 });
});
