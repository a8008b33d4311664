// The action forms of a case page (and the inbox's inline decision): one form per action the person may
// take now, its fields from the action's body schema, the values typed kept and the API's field errors
// shown next to the fields (aria-describedby, aria-invalid) with a summary linking to them.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Lang } from '../../api/http/messages.ts';
import { translate } from '../../api/http/messages.ts';
import type { FieldError } from '../../api/http/problem.ts';
import type { AvailableAction } from '../../api/services/caseActions.ts';
import { hasText, t } from '../i18n.ts';
import { actionFields, fieldLabel, highestPostedRow, optionLabel, type ActionField } from './casesActionForms.ts';
import { actionLabel } from './casesView.ts';

/** What a refused form brings back to the page: which action, what was typed, the API's field errors. */
export interface FormState { action: string; values: Record<string, string | string[]>; errors: FieldError[] }

/** A row of a list-of-objects field known before anyone types (a release's criterion to verify): its label and values. */
export interface RowSeed { label: string; values: Record<string, string> }
/** Seeded rows per rows field of an action (`results` of `verify`). */
export type RowSeeds = Record<string, RowSeed[]>;

/** Rows a list-of-objects field offers when nothing seeds it: unused ones are left blank. */
const BLANK_ROWS = 3;

/** The fields of an action's form: `decision` is the buttons; `comment` is left out where `note` says the same. */
export function formFieldsOf(schema: z.ZodType): ActionField[] {
  const all = actionFields(schema, ['decision']);
  return all.some((f) => f.name === 'note') ? all.filter((f) => f.name !== 'comment') : all;
}

const domId = (...parts: string[]) => `f-${parts.join('-').replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export const messageOf = (e: FieldError, lang: Lang) => e.message ?? (e.messageKey ? translate(e.messageKey, lang, e.params) : '');

type FieldModel = ReturnType<typeof leafModel>;

/** One input: `f.name` is its full form name (results.0.passed), `labelName` the name its label is found by. */
function leafModel(caseNumber: string, action: string, f: ActionField, state: FormState | undefined, lang: Lang, labelName = f.name, seeded?: string) {
  const id = domId(caseNumber, action, f.name);
  const error = state?.errors.find((e) => e.path === `body.${f.name}` || e.path.startsWith(`body.${f.name}.`));
  const raw = state ? state.values[f.name] : seeded;
  const value = Array.isArray(raw) ? raw.join('\n') : raw ?? '';
  const hint = lang === 'id' && f.description ? f.description : null;
  // A value the case fixed (the criterion of a seeded row) is shown read-only, and posted back as it is.
  const readonly = seeded !== undefined;
  return {
    id, name: f.name, label: fieldLabel(labelName, lang), required: f.required, value, readonly,
    isSelect: !readonly && (f.kind === 'select' || f.kind === 'boolean'), isTextarea: !readonly && (f.kind === 'textarea' || f.kind === 'lines'),
    isNumber: !readonly && f.kind === 'number', isDatetime: !readonly && f.kind === 'datetime', isText: readonly || f.kind === 'text',
    min: f.min, max: f.kind === 'number' ? f.max : undefined, maxLength: f.kind === 'text' || f.kind === 'textarea' ? f.max : undefined,
    options: (f.kind === 'boolean' ? ['true', 'false'] : f.options ?? []).map((o) => ({ value: o, label: optionLabel(o, lang), selected: o === value })),
    hint, hintId: hint ? `${id}-hint` : null,
    error: error ? messageOf(error, lang) : null, errorId: error ? `${id}-error` : null,
    describedBy: [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || null,
  };
}

/** A field of the form: one input, or (list of objects) a fieldset of rows whose cells are inputs. */
function fieldModel(caseNumber: string, action: string, f: ActionField, state: FormState | undefined, lang: Lang, seeds: RowSeed[] = []) {
  if (f.kind !== 'rows') return { ...leafModel(caseNumber, action, f, state, lang), isRows: false, rows: [] as Array<{ label: string; cells: FieldModel[] }>, cells: [] as FieldModel[] };
  const count = Math.max(seeds.length || BLANK_ROWS, highestPostedRow(f.name, state?.values ?? {}) + 1);
  const rows = Array.from({ length: count }, (_, i) => ({
    label: seeds[i]?.label ?? t('cases.row', lang, { n: i + 1 }),
    cells: (f.itemFields ?? []).map((sub) => leafModel(caseNumber, action, { ...sub, name: `${f.name}.${i}.${sub.name}`, required: f.required && sub.required }, state, lang, sub.name, seeds[i]?.values[sub.name])),
  }));
  // The list's own errors (none given, too many) are the list field's; a cell's error is the cell's.
  const own = state?.errors.find((e) => e.path === `body.${f.name}`);
  const model = leafModel(caseNumber, action, { ...f, kind: 'text' }, undefined, lang);
  const error = own ? messageOf(own, lang) : null;
  return {
    ...model, error, errorId: error ? `${model.id}-error` : null, isRows: true, rows,
    cells: rows.flatMap((r) => r.cells),
    describedBy: [model.hintId, error ? `${model.id}-error` : null].filter(Boolean).join(' ') || null,
  };
}

/** The model of one action's form for the templates (partial cases-actionForm). */
export function actionFormModel(caseNumber: string, available: AvailableAction, schema: z.ZodType, lang: Lang, state?: FormState, returnTo?: string, seeds: RowSeeds = {}) {
  const mine = state?.action === available.action ? state : undefined;
  const fields = formFieldsOf(schema).map((f) => fieldModel(caseNumber, available.action, f, mine, lang, seeds[f.name]));
  // Every input with an error (a list's cells too), for the summary and to know which errors found no field.
  const inError = fields.flatMap((f) => [f, ...f.cells]).filter((f) => f.error);
  const placed = new Set(inError.map((f) => f.name));
  const others = (mine?.errors ?? []).filter((e) => ![...placed].some((n) => e.path === `body.${n}` || e.path.startsWith(`body.${n}.`)));
  return {
    action: available.action,
    caseNumber,
    label: actionLabel(available.action, lang),
    headingId: domId(caseNumber, available.action, 'heading'),
    url: available.action === 'decide' ? `/cases/${encodeURIComponent(caseNumber)}/decide` : `/cases/${encodeURIComponent(caseNumber)}/actions/${encodeURIComponent(available.action)}`,
    decisions: (available.decisions ?? []).map((d) => ({ value: d, label: hasText(`cases.decide.${d}`) ? t(`cases.decide.${d}`, lang) : optionLabel(d, lang), danger: d === 'reject' })),
    isDecision: Boolean(available.decisions),
    fields,
    idempotencyKey: randomUUID(),
    returnTo: returnTo ?? null,
    hasErrors: Boolean(mine && mine.errors.length > 0),
    summary: mine ? [
      ...inError.map((f) => ({ href: `#${f.id}`, text: `${f.label}: ${f.error}` })),
      ...others.map((e) => ({ href: null, text: messageOf(e, lang) })),
    ] : [],
  };
}
