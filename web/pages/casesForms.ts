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
import { actionFields, fieldLabel, optionLabel, type ActionField } from './casesActionForms.ts';
import { actionLabel } from './casesView.ts';

/** What a refused form brings back to the page: which action, what was typed, the API's field errors. */
export interface FormState { action: string; values: Record<string, string | string[]>; errors: FieldError[] }

/** The fields of an action's form: `decision` is the buttons; `comment` is left out where `note` says the same. */
export function formFieldsOf(schema: z.ZodType): ActionField[] {
  const all = actionFields(schema, ['decision']);
  return all.some((f) => f.name === 'note') ? all.filter((f) => f.name !== 'comment') : all;
}

const domId = (...parts: string[]) => `f-${parts.join('-').replace(/[^a-zA-Z0-9_-]/g, '-')}`;

export const messageOf = (e: FieldError, lang: Lang) => e.message ?? (e.messageKey ? translate(e.messageKey, lang, e.params) : '');

function fieldModel(caseNumber: string, action: string, f: ActionField, state: FormState | undefined, lang: Lang) {
  const id = domId(caseNumber, action, f.name);
  const error = state?.errors.find((e) => e.path === `body.${f.name}` || e.path.startsWith(`body.${f.name}.`));
  const raw = state?.values[f.name];
  const value = Array.isArray(raw) ? raw.join('\n') : raw ?? '';
  const hint = lang === 'id' && f.description ? f.description : null;
  return {
    id, name: f.name, label: fieldLabel(f.name, lang), required: f.required, value,
    isSelect: f.kind === 'select' || f.kind === 'boolean', isTextarea: f.kind === 'textarea' || f.kind === 'lines',
    isNumber: f.kind === 'number', isDatetime: f.kind === 'datetime', isText: f.kind === 'text',
    min: f.min, max: f.kind === 'number' ? f.max : undefined, maxLength: f.kind === 'text' || f.kind === 'textarea' ? f.max : undefined,
    options: (f.kind === 'boolean' ? ['true', 'false'] : f.options ?? []).map((o) => ({ value: o, label: optionLabel(o, lang), selected: o === value })),
    hint, hintId: hint ? `${id}-hint` : null,
    error: error ? messageOf(error, lang) : null, errorId: error ? `${id}-error` : null,
    describedBy: [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || null,
  };
}

/** The model of one action's form for the templates (partial cases-actionForm). */
export function actionFormModel(caseNumber: string, available: AvailableAction, schema: z.ZodType, lang: Lang, state?: FormState, returnTo?: string) {
  const mine = state?.action === available.action ? state : undefined;
  const fields = formFieldsOf(schema).map((f) => fieldModel(caseNumber, available.action, f, mine, lang));
  const placed = new Set(fields.filter((f) => f.error).map((f) => f.name));
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
      ...fields.filter((f) => f.error).map((f) => ({ href: `#${f.id}`, text: `${f.label}: ${f.error}` })),
      ...others.map((e) => ({ href: null, text: messageOf(e, lang) })),
    ] : [],
  };
}
