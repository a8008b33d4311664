// The form of a case action, built from the action's own zod body schema (the one actOnCase validates
// with), so every process's actions get a form without a template each: text and choices as fields,
// nested objects as dotted names (window.start), lists of text as one line per item, lists of objects
// as rows of fields (results.0.passed). Posted fields are turned back into the body's types; the schema
// then judges them in actOnCase and its messages come back.
import { z } from 'zod';
import type { Lang } from '../../api/http/messages.ts';
import { hasText, t } from '../i18n.ts';

export type FieldKind = 'text' | 'textarea' | 'select' | 'number' | 'boolean' | 'datetime' | 'lines' | 'rows';

export interface ActionField {
  name: string;
  kind: FieldKind;
  required: boolean;
  options?: string[];
  /** zod's description (written in Bahasa Indonesia): a hint under the field. */
  description?: string;
  min?: number;
  max?: number;
  /** kind 'rows': the fields of one row, named relative to the row (`passed`, not `results.0.passed`). */
  itemFields?: ActionField[];
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; format?: string; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): { inner: z.ZodType; required: boolean } {
  let inner = schema;
  let required = true;
  for (;;) {
    const def = defOf(inner);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
      if (def.type !== 'nullable') required = false;
      inner = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      inner = def.in;
    } else {
      return { inner, required };
    }
  }
}

function describeField(name: string, schema: z.ZodType, parentRequired: boolean, out: ActionField[]): void {
  const { inner, required: own } = unwrap(schema);
  const required = parentRequired && own;
  const def = defOf(inner);
  const description = schema.description ?? inner.description;
  const base = { name, required, ...(description ? { description } : {}) };
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries((inner as z.ZodObject).shape)) describeField(`${name}.${key}`, child as z.ZodType, required, out);
      return;
    case 'enum':
      out.push({ ...base, kind: 'select', options: (inner as z.ZodEnum).options.map(String) });
      return;
    case 'boolean':
      out.push({ ...base, kind: 'boolean' });
      return;
    case 'number': {
      const n = inner as z.ZodNumber;
      out.push({ ...base, kind: 'number', ...(Number.isFinite(n.minValue) ? { min: n.minValue as number } : {}), ...(Number.isFinite(n.maxValue) ? { max: n.maxValue as number } : {}) });
      return;
    }
    case 'array': {
      const element = def.element ? unwrap(def.element).inner : undefined;
      if (element && defOf(element).type === 'object') {
        const itemFields: ActionField[] = [];
        for (const [key, child] of Object.entries((element as z.ZodObject).shape)) describeField(key, child as z.ZodType, true, itemFields);
        out.push({ ...base, kind: 'rows', itemFields });
      } else {
        out.push({ ...base, kind: 'lines' });
      }
      return;
    }
    case 'string': {
      if (def.format === 'datetime') { out.push({ ...base, kind: 'datetime' }); return; }
      const max = (inner as z.ZodString).maxLength;
      out.push({ ...base, kind: max !== null && max <= 200 ? 'text' : 'textarea', ...(max !== null ? { max } : {}) });
      return;
    }
    default:
      out.push({ ...base, kind: 'textarea' });
  }
}

/** The fields of an action's body, in the schema's order (`decision` left out: it is the button). */
export function actionFields(schema: z.ZodType, omit: readonly string[] = []): ActionField[] {
  const out: ActionField[] = [];
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  for (const [name, child] of Object.entries(shape)) if (!omit.includes(name)) describeField(name, child, true, out);
  return out;
}

/** A local date-time from <input type="datetime-local"> as an instant in the tenant's zone (Asia/Jakarta: +07:00, no DST). */
function instant(value: string, offset: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00${offset}` : value;
}

function typed(field: ActionField, raw: string, offset: string): unknown {
  switch (field.kind) {
    case 'number': return Number.isNaN(Number(raw)) ? raw : Number(raw);
    case 'boolean': return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'datetime': return instant(raw, offset);
    case 'lines': return raw.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    default: return raw;
  }
}

/** The highest row index posted for a rows field (`results.3.passed` → 3), or -1. */
export function highestPostedRow(name: string, form: Record<string, unknown>): number {
  let highest = -1;
  for (const key of Object.keys(form)) {
    const m = key.startsWith(`${name}.`) ? /^(\d{1,2})\./.exec(key.slice(name.length + 1)) : null;
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return highest;
}

/**
 * A rows field's rows: every row up to the last one with a value, so the indexes of the schema's error paths
 * are the form's own (a blank row in the middle stays, and zod names what it lacks); trailing blank rows are none.
 */
function rowsFromForm(field: ActionField, form: Record<string, string | string[]>, offset: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i <= highestPostedRow(field.name, form); i++) {
    const prefixed = Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith(`${field.name}.${i}.`)).map(([k, v]) => [k.slice(`${field.name}.${i}.`.length), v]));
    rows.push(bodyFromForm(field.itemFields ?? [], prefixed, offset));
  }
  while (rows.length > 0 && Object.keys(rows.at(-1)!).length === 0) rows.pop();
  return rows;
}

/** The body of the action from the posted form: empty fields left out, types restored, dotted names nested. */
export function bodyFromForm(fields: ActionField[], form: Record<string, string | string[]>, offset = '+07:00'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'rows') {
      const rows = rowsFromForm(field, form, offset);
      if (rows.length > 0) body[field.name] = rows;
      continue;
    }
    const value = form[field.name];
    const raw = (Array.isArray(value) ? value.join('\n') : value ?? '').trim();
    if (raw === '') continue;
    const path = field.name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = typed(field, raw, offset);
  }
  return body;
}

/** A field's label: the console's text when there is one, else the field's name made readable. */
export function fieldLabel(name: string, lang: Lang): string {
  const key = `cases.field.${name}`;
  if (hasText(key)) return t(key, lang);
  const last = name.split('.').at(-1) ?? name;
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A choice's label (priority high, outcome succeeded …): the console's text when there is one. */
export function optionLabel(value: string, lang: Lang): string {
  const key = `cases.value.${value}`;
  return hasText(key) ? t(key, lang) : value.replace(/_/g, ' ');
}
