// The template model of a form: every field with its label, hint, typed-in value and errors, wired for
// assistive technology (aria-describedby to the hint and the error, aria-invalid), and the error summary
// whose links move the focus to the fields.
import { rowCount, type FieldSpec, type Raw, type RowGroupSpec, type SectionSpec } from './formsModel.ts';

export interface FieldView {
  id: string; name: string; label: string;
  /** Which row a field of a repeated row is in, for screen readers (the row's legend shows it to the eye). */
  context?: string | undefined;
  hint?: string | undefined; hintId: string; errorId: string; errors: string[];
  invalid: boolean; describedBy: string; required: boolean; type: string; value: string;
  checked: boolean; options: Array<{ value: string; label: string; id: string; selected: boolean }>; emptyOption?: string | undefined;
  /** Where the error summary links to (the first box of a group of checkboxes or radios). */
  anchor: string;
}

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const values = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function fieldView(spec: FieldSpec, name: string, raw: Raw, errors: string[], context?: string): FieldView {
  const id = idOf(name);
  const posted = values(raw[name]);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const grouped = spec.type === 'radios' || spec.type === 'checkboxes';
  const options = (spec.options ?? []).map((o, i) => ({ ...o, id: `${id}-${i}`, selected: posted.includes(o.value) }));
  return {
    id, name, label: spec.label, context, hint: spec.hint, hintId, errorId, errors, invalid: errors.length > 0,
    describedBy: [spec.hint ? hintId : '', errors.length ? errorId : ''].filter(Boolean).join(' '),
    required: spec.required ?? false, type: spec.type, value: posted[0] ?? '', checked: posted.includes('true'),
    options, emptyOption: spec.emptyOption, anchor: grouped && options.length ? options[0]!.id : id,
  };
}

export interface FormErrors { byField: Map<string, string[]>; general: string[] }

/** Attaches an error to the field it names, the field under it, the field above it, or the whole form. */
export function placeErrors(sections: SectionSpec[], raw: Raw, errors: Array<{ field: string; message: string }>): FormErrors {
  const names: string[] = [];
  for (const s of sections) {
    for (const f of s.fields ?? []) names.push(f.name);
    if (s.group) {
      names.push(s.group.name);
      for (let i = 0; i < rowCount(s.group, raw); i++) for (const f of s.group.fields) names.push(`${s.group.name}.${i}.${f.name}`);
    }
  }
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const e of errors) {
    const target = names.find((n) => n === e.field) ?? names.find((n) => n.startsWith(`${e.field}.`)) ?? names.find((n) => e.field.startsWith(`${n}.`));
    if (target) byField.set(target, [...(byField.get(target) ?? []), e.message]);
    else general.push(e.message);
  }
  return { byField, general };
}

export interface SectionView {
  legend?: string | undefined;
  fields: FieldView[];
  group?: { name: string; legend: string; hint?: string | undefined; id: string; errors: string[]; errorId: string; addLabel: string;
    rows: Array<{ label: string; fields: FieldView[] }> } | undefined;
}

export function sectionViews(sections: SectionSpec[], raw: Raw, errors: FormErrors, t: (key: string, params?: Record<string, unknown>) => string): SectionView[] {
  const errs = (name: string) => errors.byField.get(name) ?? [];
  return sections.map((s) => ({
    legend: s.legend,
    fields: (s.fields ?? []).map((f) => fieldView(f, f.name, raw, errs(f.name))),
    group: s.group ? groupView(s.group, raw, errs, t) : undefined,
  }));
}

function groupView(g: RowGroupSpec, raw: Raw, errs: (name: string) => string[], t: (key: string, params?: Record<string, unknown>) => string) {
  const rows = Array.from({ length: rowCount(g, raw) }, (_, i) => {
    const label = t('forms.row', { what: g.rowLabel, n: i + 1 });
    return { label, fields: g.fields.map((f) => fieldView(f, `${g.name}.${i}.${f.name}`, raw, errs(`${g.name}.${i}.${f.name}`), label)) };
  });
  const id = idOf(g.name);
  return { name: g.name, legend: g.legend, hint: g.hint, id, errors: errs(g.name), errorId: `${id}-error`, addLabel: t('forms.addRow', { what: g.rowLabel }), rows };
}

/** The error summary: each message linked to its field. */
export function summaryOf(views: SectionView[], general: string[]): Array<{ href?: string; text: string }> {
  const items: Array<{ href?: string; text: string }> = general.map((text) => ({ text }));
  for (const s of views) {
    for (const f of s.fields) for (const e of f.errors) items.push({ href: `#${f.anchor}`, text: `${f.label}: ${e}` });
    if (!s.group) continue;
    for (const e of s.group.errors) items.push({ href: `#${s.group.id}`, text: `${s.group.legend}: ${e}` });
    for (const f of s.group.rows.flatMap((r) => r.fields)) for (const e of f.errors) items.push({ href: `#${f.anchor}`, text: `${f.label} (${f.context}): ${e}` });
  }
  return items;
}
