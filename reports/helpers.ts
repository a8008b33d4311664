// The Handlebars helpers of the report templates. One set per rendered language: the helpers close over
// the language and the tenant's time zone, so a template writes `{{date report.closedAt}}` and gets
// "5 Januari 2026" in the Bahasa Indonesia part and "5 January 2026" in the English one.
//
// A helper given `undefined` throws: templates are strict, and a misspelt field passed to a helper must
// fail like a misspelt `{{field}}` does (null is a legitimate "no value" and prints as "-").
import Handlebars from 'handlebars';
import type { CellValue, ReportColumn, ReportLang } from './types.ts';

export const NO_VALUE = '-';

/** Thrown by a helper given a field that does not exist; the engine names the field from `loc`. */
export class HelperArgumentError extends Error {
  readonly helper: string;
  readonly loc: HelperLoc | null;
  constructor(helper: string, detail: string, loc: HelperLoc | null) {
    super(`{{${helper}}}: ${detail}`);
    this.name = 'HelperArgumentError';
    this.helper = helper;
    this.loc = loc;
  }
}

export interface HelperLoc { start: { line: number; column: number }; end: { line: number; column: number } }

interface HelperOptions { loc?: HelperLoc; hash?: Record<string, unknown> }

const locale = (lang: ReportLang) => (lang === 'id' ? 'id-ID' : 'en-GB');
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function defined(helper: string, value: unknown, options: HelperOptions): void {
  if (value === undefined) throw new HelperArgumentError(helper, 'the value is undefined (a missing field?)', options.loc ?? null);
}

function isLocalText(v: unknown): v is { id: string; en: string } {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { en?: unknown }).en === 'string';
}

/** The plain functions behind the helpers (also used by CSV/XLSX so every format prints alike). */
export function formatters(lang: ReportLang, timeZone: string) {
  const num = (digits: number) => new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const parse = (v: string | number) => (typeof v === 'number' ? new Date(v) : new Date(LOCAL_DATE.test(v) ? `${v}T00:00:00Z` : v));
  // A local date (YYYY-MM-DD) is a calendar day, not an instant: print it as is, never shifted by a zone.
  const zoneOf = (v: string | number) => (typeof v === 'string' && LOCAL_DATE.test(v) ? 'UTC' : timeZone);
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (isLocalText(v)) return v[lang];
    return String(v);
  };
  return {
    text,
    number(v: number, digits = 0): string { return num(digits).format(v); },
    date(v: string | number): string {
      const d = parse(v);
      if (Number.isNaN(d.getTime())) return String(v);
      return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: zoneOf(v) }).format(d);
    },
    datetime(v: string | number): string {
      const d = parse(v);
      if (Number.isNaN(d.getTime())) return String(v);
      return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short', timeZone: zoneOf(v) }).format(d);
    },
    /** 99.5 → "99,50%" (id) / "99.50%" (en). */
    percent(v: number, digits = 2): string {
      return new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v / 100);
    },
    /** Milliseconds → hours with two decimals, no unit: 5_400_000 → "1,50". */
    hours(ms: number): string { return num(2).format(ms / 3_600_000); },
    boolean(v: boolean): string { return lang === 'id' ? (v ? 'Ya' : 'Tidak') : (v ? 'Yes' : 'No'); },
  };
}

export type Formatters = ReturnType<typeof formatters>;

/** A table cell as text, by the column's kind (percent: the value is a percentage, 99.5 = 99.5 %). */
export function formatCell(f: Formatters, value: CellValue | undefined, kind: ReportColumn['kind']): string {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  switch (kind) {
    case 'number': return typeof value === 'number' ? f.number(value, Number.isInteger(value) ? 0 : 2) : String(value);
    case 'percent': return typeof value === 'number' ? f.percent(value) : String(value);
    case 'date': return typeof value === 'string' || typeof value === 'number' ? f.date(value) : String(value);
    case 'datetime': return typeof value === 'string' || typeof value === 'number' ? f.datetime(value) : String(value);
    case 'boolean': return typeof value === 'boolean' ? f.boolean(value) : String(value);
    default: return typeof value === 'boolean' ? f.boolean(value) : typeof value === 'number' ? f.number(value, Number.isInteger(value) ? 0 : 2) : value;
  }
}

const numberOr = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Registers the helpers on a Handlebars instance for one language. */
export function registerReportHelpers(hb: typeof Handlebars, lang: ReportLang, timeZone: string): void {
  const f = formatters(lang, timeZone);
  // Handlebars passes the options object last; `args` never includes it.
  const split = (all: unknown[]): [unknown[], HelperOptions] => [all.slice(0, -1), all[all.length - 1] as HelperOptions];

  hb.registerHelper('t', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('t', v, o);
    return f.text(v);
  });
  hb.registerHelper('date', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('date', v, o);
    return v === null || v === '' ? NO_VALUE : f.date(v as string | number);
  });
  hb.registerHelper('datetime', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('datetime', v, o);
    return v === null || v === '' ? NO_VALUE : f.datetime(v as string | number);
  });
  hb.registerHelper('percent', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('percent', v, o);
    if (v === null) return NO_VALUE;
    const n = Number(v);
    const value = o.hash?.['basisPoints'] === true ? n / 100 : n;
    return f.percent(value, numberOr(o.hash?.['digits'], 2));
  });
  hb.registerHelper('hours', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('hours', v, o);
    return v === null ? NO_VALUE : f.hours(Number(v));
  });
  hb.registerHelper('number', (...all: unknown[]) => {
    const [[v], o] = split(all);
    defined('number', v, o);
    return v === null ? NO_VALUE : f.number(Number(v), numberOr(o.hash?.['digits'], 0));
  });
  hb.registerHelper('cell', (...all: unknown[]) => {
    const [[row, column], o] = split(all);
    defined('cell', row, o);
    defined('cell', column, o);
    const col: ReportColumn = typeof column === 'string' ? { key: column, title: { id: column, en: column } } : column as ReportColumn;
    const record = row as Record<string, CellValue>;
    if (!Object.hasOwn(record, col.key)) throw new HelperArgumentError('cell', `the row has no "${col.key}"`, o.loc ?? null);
    return formatCell(f, record[col.key], col.kind);
  });
  hb.registerHelper('eq', (...all: unknown[]) => {
    const [[a, b]] = split(all);
    return a === b;
  });
  hb.registerHelper('join', (...all: unknown[]) => {
    const [[list, sep], o] = split(all);
    defined('join', list, o);
    if (list === null) return NO_VALUE;
    if (!Array.isArray(list)) throw new HelperArgumentError('join', 'the value is not a list', o.loc ?? null);
    return list.map((x) => f.text(x)).join(typeof sep === 'string' ? sep : ', ');
  });
  // Internal to the table partial: right-align numbers.
  hb.registerHelper('cellClass', (...all: unknown[]) => {
    const [[column]] = split(all);
    const kind = (column as ReportColumn | undefined)?.kind;
    return kind === 'number' || kind === 'percent' ? 'num' : 'txt';
  });
}
