// What each regulation says, encoded: the numbers and roles of the processes, seed by seed.
import { listRegulatedNumbers } from '../../policy/profileNumbers.ts';
import { getProfile, profiles } from '../../policy/profiles/index.ts';
import { WORKING_DAY } from '../../policy/profiles/defaults.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const serang = getProfile('serang');
const yogyakarta = getProfile('yogyakarta');
const dpr = getProfile('dpr');
const kemenkeu = getProfile('kemenkeu');
const setwapres = getProfile('setwapres');
const isDefault = (s: object) => 'sigapDefault' in s;

describe('every profile', () => {
  test.each(Object.keys(profiles))('%s keeps request fulfilment usable', (id) => {
    const p = profiles[id]!;
    const roles = new Set(p.roles.map((r) => r.id));
    const rf = p.requestFulfilment;
    for (const r of [rf.serviceDeskRole, rf.escalationRole, rf.defaultApproverRole, ...rf.executorRoles]) expect(roles).toContain(r);
    expect(p.catalogue.length).toBeGreaterThan(0);
    expect(rf.satisfactionScale).toMatchObject({ min: 1, max: 5 });
    expect(p.timezone).toBe('Asia/Jakarta');
  });

  test.each(Object.keys(profiles))('%s has a working calendar and SLA warnings at 50/75/90 %% as Sigap defaults', (id) => {
    const p = profiles[id]!;
    expect(p.calendar.timezone.value).toBe('Asia/Jakarta');
    expect(isDefault(p.calendar.timezone.source)).toBe(true);
    expect(p.calendar.week.value[1]).toEqual([{ start: '07:30', end: '12:00' }, { start: '13:00', end: '16:00' }]);
    expect(p.calendar.week.value[5]).toEqual([{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }]);
    expect(p.calendar.week.value[6]).toEqual([]);
    expect(p.calendar.week.value[7]).toEqual([]);
    expect(isDefault(p.calendar.week.source)).toBe(true);
    expect(p.sla.warningPermille.value).toEqual([500, 750, 900]);
    expect(isDefault(p.sla.warningPermille.source)).toBe(true);
  });

  test('one working day is 7.5 working hours, the length of each day of the default week', () => {
    expect(WORKING_DAY).toBe(7.5 * HOUR);
  });

  test.each(Object.keys(profiles))('%s maps its roles to the generic role ids and keeps a Sigap administrator', (id) => {
    const ids = profiles[id]!.roles.map((r) => r.id);
    for (const generic of ['requester', 'service_desk', 'technical_team', 'head_of_unit', 'administrator']) expect(ids).toContain(generic);
  });
});

describe('serang (Perbup 49/2024)', () => {
  test('eselon: coordinators III, provider and head II, all "setingkat minimal"', () => {
    const role = (id: string) => serang.roles.find((r) => r.id === id)!;
    expect(role('service_coordinator')).toMatchObject({ eselon: 'III', eselonIsMinimum: true });
    expect(role('recovery_coordinator')).toMatchObject({ eselon: 'III', eselonIsMinimum: true });
    expect(role('service_owner')).toMatchObject({ eselon: 'II', eselonIsMinimum: true });
  });

  test('catalogue targets are calendar time (Tabel 4.2 says "<3 jam", never "hari kerja")', () => {
    for (const item of serang.catalogue) expect(item.fulfilmentTarget.basis).toBe('calendar');
  });

  test('release categories: standard without approval, emergency approved afterwards, normal before (D.3.5)', () => {
    const cat = (id: string) => serang.change!.categories.find((c) => c.id === id)!;
    expect(cat('standard')).toMatchObject({ approval: 'none', executorRole: 'technical_team' });
    expect(cat('standard').approverRole).toBeUndefined();
    expect(cat('normal')).toMatchObject({ approval: 'before', approverRole: 'service_owner' });
    expect(cat('emergency')).toMatchObject({ approval: 'after', approverRole: 'service_owner', retrospectiveApprovalWithin: { ms: WORKING_DAY, basis: 'working' } });
    expect(isDefault(cat('emergency').retrospectiveApprovalWithin!.source)).toBe(true);
    expect(cat('normal').source).toMatchObject({ section: expect.stringContaining('Kategori Rilis') });
  });

  test('release: plan approved by the eselon II provider, rollback must run on failed criteria', () => {
    const r = serang.release!;
    expect(r.planApprover.role).toBe('service_owner');
    expect(r.downtimeAgreedWith!.role).toBe('service_owner');
    expect(r.rollbackOnFailedCriteria.value).toBe(true);
    expect(isDefault(r.rollbackOnFailedCriteria.source)).toBe(false);
  });

  test('disaster scenarios of Tabel 4.3: four lead to recovery, three to incident handling', () => {
    const d = serang.disaster!;
    expect(d.scenarios.map((s) => [s.id, s.response, s.minOutage?.ms ?? null])).toEqual([
      ['infrastructure_failure', 'recovery', 3 * DAY],
      ['physical_damage', 'recovery', 3 * DAY],
      ['third_party_stop', 'recovery', null],
      ['access_failure_downtime_data_loss', 'recovery', 24 * HOUR],
      ['access_failure', 'incident', null],
      ['intranet_failure', 'incident', null],
      ['service_bus_failure', 'incident', null],
    ]);
  });

  test('three assessments by eselon III, the declaration by eselon II (Tabel 4.4 Mekanisme); DRP tested yearly', () => {
    const d = serang.disaster!;
    expect(d.steps.slice(0, 4).map((s) => [s.kind, s.minEselon])).toEqual([
      ['assessment', 'III'], ['assessment', 'III'], ['analysis', 'III'], ['declaration', 'II'],
    ]);
    expect(d.steps[3]!.roles).toEqual(['head_of_unit', 'service_owner']);
    expect(d.drpApproval).toMatchObject({ role: 'service_owner', minEselon: 'II' });
    expect(d.drpRunBy.role).toBe('recovery_coordinator');
    expect(d.drpTest).toMatchObject({ atLeast: 1, perMonths: 12, source: { section: expect.stringContaining('C.3.5') } });
    expect(d.rtoRpoFrom.value).toBe('declaration');
  });

  test('evaluation every semester with chapters A–E; problem review at least twice a year', () => {
    expect(serang.evaluation.cadence).toMatchObject({ atLeast: 1, perMonths: 6 });
    expect(isDefault(serang.evaluation.cadence.source)).toBe(false);
    expect(serang.evaluation.chapters.map((c) => [c.id, c.title.en])).toEqual([
      ['A', 'Service requests'], ['B', 'Incident handling'], ['C', 'Monitoring and maintenance'], ['D', 'Service recovery'], ['E', 'Service releases'],
    ]);
    expect(serang.evaluation.chapterContents).toHaveLength(3);
    expect(serang.problemReview!.frequency).toMatchObject({ atLeast: 2, perMonths: 12, source: { section: expect.stringContaining('B.3.5') } });
    expect(serang.evaluation.reviews.find((r) => r.id === 'availability_report')!.frequency).toMatchObject({ atLeast: 1, perMonths: 1 });
  });

  test('incident escalation: service desk, technical team, then the provider when the estimate is exceeded', () => {
    expect(serang.incident!.escalation.map((s) => [s.level, s.leadRole, s.trigger.kind])).toEqual([
      [1, 'service_desk', 'start'], [2, 'technical_team', 'share_of_target'], [3, 'service_owner', 'estimate_exceeded'],
    ]);
    expect(isDefault(serang.incident!.escalation[1]!.triggerSource)).toBe(true);
    expect(isDefault(serang.incident!.escalation[2]!.triggerSource)).toBe(false);
  });
});

describe('yogyakarta (Kepwal 110/2026) maintenance-period complaints, Tabel 10–13', () => {
  const ms = yogyakarta.maintenanceSupport!;

  test('three urgency levels', () => {
    expect(ms.urgencyLevels.map((u) => [u.level, u.title.id])).toEqual([[1, 'Tinggi'], [2, 'Sedang'], [3, 'Rendah']]);
  });

  test('response: 3 working hours in working hours, else next working day; urgency 1 on site 2×24 h', () => {
    expect(ms.response.inWorkingHours).toMatchObject({ ms: 3 * HOUR, basis: 'working', source: { section: expect.stringContaining('Tabel 11') } });
    expect(ms.response.outsideWorkingHours.rule).toBe('next_working_day');
    expect(ms.response.onSite).toMatchObject({ urgencyLevels: [1], target: { ms: 48 * HOUR, basis: 'calendar', stated: '2x24 jam' } });
  });

  test.each([[1, 48], [2, 72], [3, 120]])('urgency %i is resolved within %i hours (Tabel 12)', (urgency, hours) => {
    expect(ms.resolution.find((r) => r.urgency === urgency)!.target).toMatchObject({ ms: hours * HOUR, basis: 'calendar', source: { section: expect.stringContaining('Tabel 12') } });
  });

  test('escalation ladder L1 → L2 → L3 with the Tabel 13 roles; climbing times are Sigap defaults', () => {
    expect(ms.escalation.map((s) => [s.level, s.leadRole, s.assistingRoles])).toEqual([
      [1, 'service_desk', ['technical_team']],
      [2, 'service_owner', ['infra_app_owner']],
      [3, 'head_of_unit', []],
    ]);
    expect(ms.escalation.map((s) => s.trigger)).toEqual([{ kind: 'start' }, { kind: 'share_of_target', permille: 1000 }, { kind: 'share_of_target', permille: 1500 }]);
    for (const s of ms.escalation) expect(s.source).toMatchObject({ section: expect.stringContaining('Tabel 13') });
    expect(isDefault(ms.escalation[1]!.triggerSource)).toBe(true);
    expect(isDefault(ms.escalation[2]!.triggerSource)).toBe(true);
  });

  test('roles: eselon III leads, the head of agency eselon II or III', () => {
    const role = (id: string) => yogyakarta.roles.find((r) => r.id === id)!;
    expect(role('service_owner').eselon).toBe('III');
    expect(role('infra_app_owner').eselon).toBe('III');
    expect(role('head_of_unit')).toMatchObject({ eselon: 'II', eselonAlternatives: ['III'] });
  });

  test('RTO counts from the disaster; DRP test period and evaluation cadence are Sigap defaults', () => {
    expect(yogyakarta.disaster!.rtoRpoFrom.value).toBe('disaster');
    expect(isDefault(yogyakarta.disaster!.drpTest.source)).toBe(true);
    expect(yogyakarta.evaluation.cadence).toMatchObject({ atLeast: 1, perMonths: 6 });
    expect(isDefault(yogyakarta.evaluation.cadence.source)).toBe(true);
    expect(yogyakarta.evaluation.maturityLevels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('dpr (Peraturan Sekjen DPR RI 2023)', () => {
  test('3 calendar months of maintenance after the handover (Pasal 16 ayat 3)', () => {
    expect(dpr.release!.maintenancePeriod!.period).toMatchObject({ months: 3, basis: 'calendar', source: { section: expect.stringContaining('Pasal 16') } });
  });

  test('changes to a service handed over less than 3 months ago are maintenance (Pasal 17 ayat 2 huruf c)', () => {
    expect(dpr.change!.maintenancePeriodAfterHandover).toMatchObject({ months: 3, basis: 'calendar', source: { section: expect.stringContaining('Pasal 17') } });
  });

  test('fitness tests: vulnerability, stress, risk impact, outside working hours, approved by the administrator official', () => {
    const f = dpr.release!.fitnessTests!;
    expect(f.tests.map((t) => t.id)).toEqual(['vulnerability', 'stress', 'risk_impact']);
    expect(f.outsideWorkingHours.value).toBe(true);
    expect(f).toMatchObject({ resultsToRole: 'service_coordinator', approverRole: 'service_owner' });
  });

  test('the Berita Acara Serah Terima is signed by the head of the IT unit and the requester (Pasal 15 ayat 3)', () => {
    expect(dpr.release!.handover).toMatchObject({ signatoryRoles: ['head_of_unit', 'requester'], source: { section: expect.stringContaining('Pasal 15') } });
    expect(dpr.documentKinds.map((d) => d.id)).toContain('berita_acara_serah_terima');
  });

  test('security incidents with the CSIRT (Pasal 21); change categories and evaluation cadence are Sigap defaults', () => {
    expect(dpr.incident!.securityIncidents!.role).toBe('security_team');
    for (const c of dpr.change!.categories) expect(isDefault(c.source)).toBe(true);
    expect(isDefault(dpr.evaluation.cadence.source)).toBe(true);
    expect(dpr.evaluation.improvement!.recommendationKinds.map((k) => k.id)).toEqual(['internal', 'with_third_party']);
  });
});

describe('kemenkeu (KMK 395/2023)', () => {
  test('segregation of duties (Lampiran II J.2) and its relaxation under supervision (J.3)', () => {
    const sod = kemenkeu.segregationOfDuties!;
    const rule = (id: string) => sod.rules.find((r) => r.id === id)!.duties;
    expect(rule('change')).toEqual(['initiate', 'approve', 'implement']);
    expect(rule('access')).toEqual(['request', 'approve', 'grant']);
    expect(rule('dev_prod')).toEqual(['develop', 'operate_production']);
    expect(sod.relaxation.measures.map((m) => m.id)).toEqual(['monitoring', 'audit_trail', 'supervision']);
    expect(sod.relaxation.supervisorRole).toBe('head_of_unit');
  });

  test('change: approved by the change coordinator, with a change forum of six practices (E.1)', () => {
    const ch = kemenkeu.change!;
    expect(ch.categories.find((c) => c.id === 'normal')).toMatchObject({ approval: 'before', approverRole: 'change_coordinator' });
    expect(ch.categories.find((c) => c.id === 'emergency')).toMatchObject({ approval: 'after', approverRole: 'change_coordinator' });
    expect(ch.forum!.convenerRole).toBe('change_coordinator');
    expect(ch.forum!.members).toHaveLength(6);
    expect(ch.highImpactRoute).not.toBeNull();
  });

  test('management review, internal audit and the other reviews at least yearly; the decree every two years', () => {
    expect(kemenkeu.evaluation.cadence).toMatchObject({ atLeast: 1, perMonths: 12, source: { section: expect.stringContaining('D.5.c') } });
    const review = (id: string) => kemenkeu.evaluation.reviews.find((r) => r.id === id)!;
    expect(review('internal_audit')).toMatchObject({ role: 'auditor', frequency: { atLeast: 1, perMonths: 12 } });
    expect(review('decree_evaluation').frequency).toMatchObject({ atLeast: 1, perMonths: 24 });
    expect(kemenkeu.evaluation.chapters).toHaveLength(12);
  });

  test('continuity organisation set by the CIO (ministry) or the unit head; DRP test period is a Sigap default', () => {
    expect(kemenkeu.disaster!.continuityOrganisation.map((c) => c.role)).toEqual(['cio', 'head_of_unit']);
    expect(isDefault(kemenkeu.disaster!.drpTest.source)).toBe(true);
  });
});

describe('setwapres (standar pelayanan pemeliharaan aplikasi)', () => {
  const sop = setwapres.maintenanceSop!;
  const stepById = (id: string) => sop.steps.find((s) => s.id === id)!;

  test.each([
    ['receive_report', 1], ['notify_it', 1], ['assign', 1], ['notify_vendor', 1], ['vendor_repair', 3], ['test', 2], ['backup', 5], ['report', 1],
  ])('step %s takes %i working day(s)', (id, n) => {
    expect(stepById(id).duration).toMatchObject({ ms: n * WORKING_DAY, basis: 'working' });
  });

  test('the direction step takes 30 minutes; analysis and in-house repair are untimed', () => {
    expect(stepById('direction').duration).toMatchObject({ ms: 30 * MINUTE });
    expect(stepById('analyse').duration).toBeNull();
    expect(stepById('repair_in_house').duration).toBeNull();
  });

  test('light damage is repaired in-house, heavy damage by the vendor; a failed test goes back to the repairer', () => {
    expect(sop.firstStep).toBe('receive_report');
    expect(stepById('analyse').next.map((n) => n.to)).toEqual(['repair_in_house', 'notify_vendor']);
    expect(stepById('vendor_repair').actorRole).toBe('vendor');
    expect(stepById('test').next.map((n) => n.to)).toEqual(['vendor_repair', 'repair_in_house', 'backup']);
  });

  test('guarantee: a complaint is followed up within 1 working day (J.2); complaints go to the bureau head (H)', () => {
    expect(sop.complaintFollowUp).toMatchObject({ ms: WORKING_DAY, basis: 'working', stated: '1 hari kerja', source: { section: expect.stringContaining('J.2') } });
    expect(sop.complaints).toMatchObject({ role: 'head_of_unit', delegateRole: 'service_coordinator' });
    expect(setwapres.evaluation.cadence).toMatchObject({ atLeast: 1, perMonths: 12 });
  });

  test('the catalogue item needs the written damage report and its target is the sum of the timed steps', () => {
    const item = setwapres.catalogue[0]!;
    expect(item.requiredDocuments).toEqual(['laporan_kerusakan']);
    const heavyPath = ['receive_report', 'notify_it', 'assign', 'notify_vendor', 'vendor_repair', 'test', 'backup', 'report'];
    expect(item.fulfilmentTarget.ms).toBe(heavyPath.reduce((sum, id) => sum + stepById(id).duration!.ms, 0));
    expect(isDefault(item.fulfilmentTarget.source)).toBe(true);
  });
});

test('every regulated number can be listed for the conformance print-out', () => {
  for (const p of Object.values(profiles)) {
    const listed = listRegulatedNumbers(p);
    expect(listed.every((v) => typeof v.path === 'string' && v.source !== undefined)).toBe(true);
  }
});
