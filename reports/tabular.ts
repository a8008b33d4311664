// The tables of a report as CSV (one table) or XLSX (every table, a sheet each). Headers are the
// localized column titles; values keep their type where the format can (XLSX numbers, percentages,
// dates and booleans stay typed so the agency can compute with them).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formatters } from './helpers.ts';
import type { CellValue, ReportColumn, ReportLang, ReportModel, ReportTable } from './types.ts';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Excel reads a UTF-8 CSV correctly only with the byte order mark. */
const BOM = '\uFEFF';

export interface TabularOptions { lang: ReportLang; timezone: string }

/** The table `id`, else the first; null when the report has no such table (or none). */
export function pickTable(model: ReportModel, id?: string | undefined): ReportTable | null {
  if (id === undefined || id === '') return model.tables[0] ?? null;
  return model.tables.find((t) => t.id === id) ?? null;
}

/** The wall-clock time in the tenant's zone as "YYYY-MM-DD HH:mm" (what Excel and people read). */
function localDateTime(value: string | number, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** The same wall-clock instant as a Date whose UTC fields are the local ones (Excel has no zones). */
function localWallClock(value: string | number, timeZone: string): Date {
  if (typeof value === 'string' && LOCAL_DATE.test(value)) return new Date(`${value}T00:00:00Z`);
  const [date, time] = localDateTime(value, timeZone).split(' ');
  return new Date(`${date}T${time}:00Z`);
}

function csvValue(value: CellValue | undefined, column: ReportColumn, options: TabularOptions): string | number {
  if (value === null || value === undefined) return '';
  const kind = column.kind ?? 'text';
  if (typeof value === 'boolean') return formatters(options.lang, options.timezone).boolean(value);
  if ((kind === 'datetime' || kind === 'date') && (typeof value === 'string' || typeof value === 'number')) {
    if (typeof value === 'string' && LOCAL_DATE.test(value)) return value;
    const text = localDateTime(value, options.timezone);
    return kind === 'date' ? text.slice(0, 10) : text;
  }
  return value;
}

/** One table as CSV (UTF-8 with BOM, comma-separated, RFC 4180 quoting). */
export function tableCsv(table: ReportTable, options: TabularOptions): Buffer {
  const header = table.columns.map((c) => c.title[options.lang]);
  const rows = table.rows.map((row) => table.columns.map((c) => csvValue(row[c.key], c, options)));
  return Buffer.from(BOM + stringify([header, ...rows], { record_delimiter: 'windows' }), 'utf8');
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Tabel';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function xlsxValue(value: CellValue | undefined, column: ReportColumn, options: TabularOptions): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'percent': return typeof value === 'number' ? value / 100 : value;
    case 'date':
    case 'datetime': return typeof value === 'string' || typeof value === 'number' ? localWallClock(value, options.timezone) : value;
    default: return value;
  }
}

const NUM_FMT: Partial<Record<NonNullable<ReportColumn['kind']>, string>> = {
  percent: '0.00%', date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm', number: '#,##0.##',
};

/** Every table of the report in one workbook, a sheet per table. */
export async function reportXlsx(model: ReportModel, options: TabularOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sigap';
  workbook.title = model.title[options.lang];
  // A fixed date keeps the file the same for the same data (exceljs stamps "now" otherwise).
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const used = new Set<string>();
  for (const table of model.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title[options.lang], used), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => {
      const values = table.rows.map((r) => String(csvValue(r[c.key], c, options)));
      const width = Math.min(60, Math.max(8, c.title[options.lang].length, ...values.map((v) => v.length)) + 2);
      const fmt = c.kind ? NUM_FMT[c.kind] : undefined;
      return { header: c.title[options.lang], key: c.key, width, ...(fmt ? { style: { numFmt: fmt } } : {}) };
    });
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxValue(row[c.key], c, options)])));
    }
  }
  if (model.tables.length === 0) workbook.addWorksheet(sheetName(model.title[options.lang], used));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
