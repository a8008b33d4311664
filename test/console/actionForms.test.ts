// The case page's action forms are built from the actions' own body schemas: every action of every
// process gets fields, lists of objects become rows (a release's verification per criterion), and what
// a person types in those fields comes back as the body the schema accepts — the same value, row for row.
import fc from 'fast-check';
import { releaseActionBodies } from '../../api/schemas/releases.ts';
import { allActions, processOf } from '../../api/services/processes.ts';
import { actionFields, bodyFromForm } from '../../web/pages/casesActionForms.ts';

const CASE_TYPES = ['request', 'incident', 'problem', 'change', 'release', 'disaster', 'drp', 'maintenance', 'availability', 'evaluation'];

test('every action of every process has a form whose fields all have a known kind', () => {
  const seen = new Set<string>();
  for (const type of CASE_TYPES) {
    for (const [action, schema] of Object.entries(processOf(type)?.bodies ?? {})) {
      seen.add(action);
      for (const f of actionFields(schema, ['decision'])) {
        expect({ type, action, field: f.name, kind: f.kind }).toEqual({ type, action, field: f.name, kind: expect.stringMatching(/^(text|textarea|select|number|boolean|datetime|lines|rows)$/) });
        if (f.kind === 'rows') expect(f.itemFields?.length).toBeGreaterThan(0);
      }
    }
  }
  // Every action a case can be sent has a body schema, so none is left without a form.
  expect(allActions().filter((a) => !seen.has(a))).toEqual([]);
});

test('a release verification is a list of rows: criterion, passed, note', () => {
  const [results] = actionFields(releaseActionBodies.verify);
  expect(results).toMatchObject({ name: 'results', kind: 'rows', required: true });
  expect(results!.itemFields!.map((f) => [f.name, f.kind, f.required])).toEqual([['criterion', 'textarea', true], ['passed', 'boolean', true], ['note', 'textarea', false]]);
});

test('rows typed into the verify form come back as the body the schema accepts, row for row', () => {
  const fields = actionFields(releaseActionBodies.verify);
  const row = fc.record({ criterion: fc.stringMatching(/^[a-z0-9_-]{1,20}$/), passed: fc.boolean(), note: fc.option(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.trim() !== ''), { nil: undefined }) });
  fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.nat(3), (rows, trailingBlank) => {
    const form: Record<string, string> = {};
    rows.forEach((r, i) => {
      form[`results.${i}.criterion`] = r.criterion;
      form[`results.${i}.passed`] = String(r.passed);
      form[`results.${i}.note`] = r.note ?? '';
    });
    // Blank rows after the last one typed are no rows.
    for (let i = rows.length; i < rows.length + trailingBlank; i++) Object.assign(form, { [`results.${i}.criterion`]: '', [`results.${i}.passed`]: '', [`results.${i}.note`]: '' });
    const body = bodyFromForm(fields, form);
    expect(releaseActionBodies.verify.parse(body)).toEqual({ results: rows.map((r) => (r.note === undefined ? { criterion: r.criterion, passed: r.passed } : r)) });
  }));
});

test('a blank row between typed ones stays, so the schema names what it lacks at the row the person sees', () => {
  const fields = actionFields(releaseActionBodies.verify);
  const body = bodyFromForm(fields, { 'results.0.criterion': 'login', 'results.0.passed': 'true', 'results.1.passed': '', 'results.2.criterion': 'report', 'results.2.passed': 'false' });
  expect(body).toEqual({ results: [{ criterion: 'login', passed: true }, {}, { criterion: 'report', passed: false }] });
  const parsed = releaseActionBodies.verify.safeParse(body);
  expect(parsed.success).toBe(false);
  expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['results.1.criterion', 'results.1.passed']);
});

test('every action has a label in Bahasa Indonesia and English (the buttons, the timeline)', async () => {
  const { hasText, t } = await import('../../web/i18n.ts');
  await import('../../web/pages/cases.ts'); // registers the case texts
  const missing = allActions().filter((a) => !hasText(`cases.action.${a}`));
  expect(missing).toEqual([]);
  const blank = allActions().flatMap((a) => (['id', 'en'] as const).filter((lang) => t(`cases.action.${a}`, lang).trim() === '').map((lang) => `${a}:${lang}`));
  expect(blank).toEqual([]);
});
