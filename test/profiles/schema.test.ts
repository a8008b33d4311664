// A profile that breaks the schema or its own references is refused, and the error names the
// profile and the field.
import { defineProfile, type Profile, type ProfileInput } from '../../policy/profile.ts';
import { profiles } from '../../policy/profiles/index.ts';

const yogyakarta = profiles.yogyakarta!;
const serang = profiles.serang!;
const kemenkeu = profiles.kemenkeu!;

const redefine = (p: Profile, patch: Partial<Profile>) => () => defineProfile({ ...p, ...patch } as ProfileInput);

test.each(Object.keys(profiles))('profile %s validates again from its own data', (id) => {
  const p = profiles[id]!;
  expect(defineProfile(structuredClone(p) as ProfileInput)).toEqual(p);
});

test('a malformed priority in a matrix cell names the profile and the cell', () => {
  const [first, ...rest] = yogyakarta.incident!.priorityMatrix!;
  const bad = redefine(yogyakarta, { incident: { ...yogyakarta.incident!, priorityMatrix: [{ ...first!, priority: 'Prioritas 1' }, ...rest] } });
  expect(bad).toThrow(/^Profile yogyakarta \(policy\/profiles\/yogyakarta\.ts\): field incident\.priorityMatrix\.0\.priority: /);
});

test('a matrix cell naming a priority the profile does not list is refused', () => {
  const [first, ...rest] = yogyakarta.incident!.priorityMatrix!;
  const bad = redefine(yogyakarta, { incident: { ...yogyakarta.incident!, priorityMatrix: [{ ...first!, priority: 'P9' }, ...rest] } });
  expect(bad).toThrow('Profile yogyakarta (policy/profiles/yogyakarta.ts): field incident.priorityMatrix.0.priority: no priority "P9" in incident.priorities');
});

test('a matrix missing a cell is refused', () => {
  const bad = redefine(serang, { incident: { ...serang.incident!, priorityMatrix: serang.incident!.priorityMatrix!.slice(1) } });
  expect(bad).toThrow('Profile serang (policy/profiles/serang.ts): field incident.priorityMatrix: missing cell mayor/publik/kritis');
});

test('a negative target names the duration field', () => {
  const [p1, ...rest] = serang.incident!.priorities;
  const bad = redefine(serang, { incident: { ...serang.incident!, priorities: [{ ...p1!, response: { ...p1!.response, ms: -1 } }, ...rest] } });
  expect(bad).toThrow(/^Profile serang \(policy\/profiles\/serang\.ts\): field incident\.priorities\.0\.response\.ms: /);
});

test('a malformed source names the seed field, or says which alternatives did not match', () => {
  const badSeed = redefine(serang, { sla: { warningPermille: { value: [500], source: { seed: 'notes.txt', section: 'x' } } } });
  expect(badSeed).toThrow(/^Profile serang \(policy\/profiles\/serang\.ts\): field sla\.warningPermille\.source\.seed: Invalid string/);
  const noSource = redefine(serang, { sla: { warningPermille: { value: [500], source: {} as never } } });
  expect(noSource).toThrow(/^Profile serang \(policy\/profiles\/serang\.ts\): field sla\.warningPermille\.source: Invalid input \(no alternative matched: seed: .*\| sigapDefault: /);
});

test('an unknown role anywhere in the profile is refused with its path', () => {
  const ms = yogyakarta.maintenanceSupport!;
  const ladder = ms.escalation.map((s, i) => (i === 1 ? { ...s, assistingRoles: ['nobody'] } : s));
  expect(redefine(yogyakarta, { maintenanceSupport: { ...ms, escalation: ladder } }))
    .toThrow('Profile yogyakarta (policy/profiles/yogyakarta.ts): field maintenanceSupport.escalation.1.assistingRoles.0: unknown role "nobody"');
  const sod = kemenkeu.segregationOfDuties!;
  expect(redefine(kemenkeu, { segregationOfDuties: { ...sod, relaxation: { ...sod.relaxation, supervisorRole: 'boss' } } }))
    .toThrow('Profile kemenkeu (policy/profiles/kemenkeu.ts): field segregationOfDuties.relaxation.supervisorRole: unknown role "boss"');
});

test('a ladder out of order is refused', () => {
  const ms = yogyakarta.maintenanceSupport!;
  const ladder = [ms.escalation[0]!, ms.escalation[2]!, ms.escalation[1]!];
  expect(redefine(yogyakarta, { maintenanceSupport: { ...ms, escalation: ladder } }))
    .toThrow('Profile yogyakarta (policy/profiles/yogyakarta.ts): field maintenanceSupport.escalation.1.level: levels must run 1, 2, 3 … in order; expected 2, got 3');
});

test('a null section needs a gap saying why', () => {
  expect(redefine(serang, { gaps: serang.gaps.filter((g) => g.path !== 'segregationOfDuties') }))
    .toThrow('Profile serang (policy/profiles/serang.ts): field segregationOfDuties: is null; add a gap entry with this path saying why the regulation does not cover it');
});

test('an emergency change approved afterwards needs a retrospective deadline', () => {
  const change = serang.change!;
  const categories = change.categories.map((c) => (c.id === 'emergency' ? { ...c, retrospectiveApprovalWithin: undefined } : c));
  expect(redefine(serang, { change: { ...change, categories } }))
    .toThrow('Profile serang (policy/profiles/serang.ts): field change.categories.1.retrospectiveApprovalWithin: approval afterwards needs a deadline (sigapDefault where the seed sets none)');
});

test('overlapping classification rules are refused', () => {
  const c = serang.classification!;
  expect(redefine(serang, { classification: { ...c, rules: [...c.rules, { ...c.rules[0]!, classification: 'normal' }] } }))
    .toThrow('Profile serang (policy/profiles/serang.ts): field classification.rules.8: administrasi/umum/nasional is already classified by rule 0');
});

test('an SOP step pointing nowhere is refused', () => {
  const setwapres = profiles.setwapres!;
  const sop = setwapres.maintenanceSop!;
  const steps = sop.steps.map((s) => (s.id === 'test' ? { ...s, next: [{ to: 'pray' }] } : s));
  expect(redefine(setwapres, { maintenanceSop: { ...sop, steps } })).toThrow(/^Profile setwapres \(policy\/profiles\/setwapres\.ts\): field maintenanceSop\.steps\.\d+\.next\.0\.to: no step "pray"$/);
});

test('the calendar time zone must be the profile time zone', () => {
  expect(redefine(serang, { calendar: { ...serang.calendar, timezone: { ...serang.calendar.timezone, value: 'Asia/Makassar' } } }))
    .toThrow('Profile serang (policy/profiles/serang.ts): field calendar.timezone.value: "Asia/Makassar" differs from the profile time zone "Asia/Jakarta" (change both)');
});

test('a working week that breaks the calendar schema names the day', () => {
  const week = { ...serang.calendar.week.value, 1: [{ start: '16:00', end: '07:30' }] };
  expect(redefine(serang, { calendar: { ...serang.calendar, week: { ...serang.calendar.week, value: week } } }))
    .toThrow(/^Profile serang \(policy\/profiles\/serang\.ts\): field calendar\.week\.value\.1\.0: start must be before end$/);
});
