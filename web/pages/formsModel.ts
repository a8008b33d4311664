// The submission forms as data: each form is a list of fields (and repeated rows) whose names are the
// paths of the API's request body ("window.start", "steps.0.title"). The posted strings become the
// body the API's zod schema checks, and the schema's error paths point back at the fields — so the
// messages next to the fields are exactly the API's.
import type { FieldError } from '../../api/http/problem.ts';

export type FieldType = 'text' | 'textarea' | 'select' | 'radios' | 'checkbox' | 'checkboxes' | 'datetime' | 'number' | 'list';

export interface Option { value: string; label: string }

export interface FieldSpec {
  /** Path in the API body, relative to the row for fields of a row group. */
  name: string;
  type: FieldType;
  /** Already in the viewer's language. */
  label: string;
  hint?: string;
  required?: boolean;
  options?: Option[];
  /** Empty choice of a select ("—"): the value is left out of the body. */
  emptyOption?: string;
}

/** Repeated rows (contents, steps …): a row left blank is no row; each body row gets `fixed` and an id. */
export interface RowGroupSpec {
  name: string;
  legend: string;
  hint?: string;
  rowLabel: string;
  fields: FieldSpec[];
  fixed?: Record<string, unknown>;
  /** Each row's `id` in the body: `${idPrefix}-${row number}` (stable while rows are added). */
  idPrefix?: string;
  minRows: number;
}

export interface SectionSpec { legend?: string; fields?: FieldSpec[]; group?: RowGroupSpec }

export type Raw = Record<string, string | string[]>;

const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
const arr = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

/** A `datetime-local` value read in the tenant's time zone, as ISO 8601 with the zone's offset. */
export function localToIso(value: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that instant (twice, to settle on the right side of a DST change).
  let offset = zoneOffsetMinutes(asUtc, timeZone);
  offset = zoneOffsetMinutes(asUtc - offset * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - instant) / 60_000);
}

/** The typed value of one field, or undefined to leave it out of the body (zod then says "required"). */
function valueOf(field: FieldSpec, raw: string | string[] | undefined, timeZone: string): unknown {
  switch (field.type) {
    case 'checkbox': return str(raw) === 'true';
    case 'checkboxes': return arr(raw).map((v) => v.trim()).filter((v) => v !== '');
    case 'list': return str(raw).split(/[\n,]/).map((v) => v.trim()).filter((v) => v !== '');
    case 'number': {
      const s = str(raw);
      if (s === '') return undefined;
      const n = Number(s.replace(',', '.'));
      return Number.isFinite(n) ? n : s; // not a number: zod names the expected type
    }
    case 'datetime': {
      const s = str(raw);
      return s === '' ? undefined : localToIso(s, timeZone) ?? s;
    }
    default: {
      const s = str(raw);
      return s === '' ? undefined : s;
    }
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    at[part] ??= {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

/** Drops objects left without any value (an optional `window` nobody filled in). */
function prune(value: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      prune(v as Record<string, unknown>);
      if (Object.keys(v).length === 0) delete value[k];
    }
  }
  return value;
}

/** How many rows of a group the form shows: the posted ones (at least `minRows`), plus any asked for. */
export function rowCount(group: RowGroupSpec, raw: Raw): number {
  const prefix = `${group.name}.`;
  let highest = -1;
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(index) && index < 100) highest = Math.max(highest, index);
  }
  const added = str(raw._add) === group.name ? 1 : 0;
  return Math.max(group.minRows, highest + 1) + added;
}

export interface BuiltBody {
  body: Record<string, unknown>;
  /** Form field name of an error path of the body (rows renumbered when blank ones were skipped). */
  fieldOf(path: string): string;
}

export function buildBody(sections: SectionSpec[], raw: Raw, timeZone: string): BuiltBody {
  const body: Record<string, unknown> = {};
  const rowMaps = new Map<string, number[]>();
  for (const section of sections) {
    for (const field of section.fields ?? []) setPath(body, field.name, valueOf(field, raw[field.name], timeZone));
    const group = section.group;
    if (!group) continue;
    const rows: unknown[] = [];
    const formRows: number[] = [];
    for (let i = 0; i < rowCount(group, raw); i++) {
      const row: Record<string, unknown> = {};
      let filled = false;
      for (const field of group.fields) {
        const value = valueOf(field, raw[`${group.name}.${i}.${field.name}`], timeZone);
        if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) filled = true;
        setPath(row, field.name, value);
      }
      if (!filled) continue;
      rows.push({ ...group.fixed, ...(group.idPrefix ? { id: `${group.idPrefix}-${i + 1}` } : {}), ...row });
      formRows.push(i);
    }
    setPath(body, group.name, rows);
    rowMaps.set(group.name, formRows);
  }
  return {
    body: prune(body),
    fieldOf(path) {
      const [head, index, ...rest] = path.split('.');
      const rows = head === undefined ? undefined : rowMaps.get(head);
      if (!rows || index === undefined || !/^\d+$/.test(index)) return path;
      return [head, String(rows[Number(index)] ?? index), ...rest].join('.');
    },
  };
}

/** The errors of a problem's `errors` keyed by form field name (a body location prefix removed). */
export function errorsByField(errors: FieldError[], fieldOf: (path: string) => string, messageOf: (e: FieldError) => string): Array<{ field: string; message: string }> {
  return errors.map((e) => ({ field: fieldOf(e.path.replace(/^body\.?/, '')), message: messageOf(e) }));
}
