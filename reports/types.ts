// The contract between the report engine (reports/engine.ts, pdf.ts, tabular.ts, templates.ts) and the
// report definitions (reports/models/*.ts): a definition turns records into a ReportModel; the engine
// renders the model with the tenant's template (or the built-in one under templates/reports/) as
// printable HTML, PDF (Debian chromium), CSV (one table) or XLSX (every table).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { Principal } from '../api/auth/principal.ts';
import type { Profile } from '../policy/profile.ts';

export type ReportLang = 'id' | 'en';
export type ReportFormat = 'html' | 'pdf' | 'csv' | 'xlsx';
export type LocalText = { id: string; en: string };

/**
 * The report ids of GET /api/v1/reports/{formulir}: Formulir A–I of serang (Lampiran), dpr's Berita
 * Acara Serah Terima and continuous-improvement register, kemenkeu's management review inputs.
 */
export const FORMULIR_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'bast', 'improvement-register', 'management-review'] as const;
export type FormulirId = (typeof FORMULIR_IDS)[number];

/** Templates an administrator may replace per tenant: each report body, and the shared partials. */
export const TEMPLATE_PARTIALS = ['letterhead', 'signatures'] as const;
export type TemplateName = FormulirId | (typeof TEMPLATE_PARTIALS)[number];

export type CellValue = string | number | boolean | null;

export interface ReportColumn {
  key: string;
  title: LocalText;
  /** How CSV/XLSX and the `cell` helper write the value: numbers stay numbers in XLSX. */
  kind?: 'text' | 'number' | 'percent' | 'datetime' | 'date' | 'boolean' | undefined;
}

export interface ReportTable {
  id: string;
  title: LocalText;
  columns: ReportColumn[];
  rows: Array<Record<string, CellValue>>;
}

export interface ReportModel {
  formulir: FormulirId;
  title: LocalText;
  /** File name without extension, e.g. "Formulir-F-AVL-2026-000001" (ASCII, no spaces). */
  filename: string;
  /**
   * What the report's template reads as `report`. Every field a template may name is present (null
   * where absent): templates are compiled in strict mode, so a misspelt field is an error, never a
   * silent blank. Values are JSON (strings, numbers, booleans, null, arrays, objects); dates are ISO
   * strings (the `date`/`datetime` helpers print them in the tenant's time zone).
   */
  data: Record<string, unknown>;
  /** The tables offered as CSV/XLSX; templates read them as `tables.<id>`. */
  tables: ReportTable[];
  /** Inline SVG charts by id (reports/charts.ts), read as `charts.<id>` (already safe markup). */
  charts: Record<string, string>;
  /** Nothing to report (an honest empty report: the template says so instead of showing blanks). */
  empty: boolean;
}

export interface ReportContext {
  em: EntityManager;
  tenant: { id: string; name: string; timezone: string };
  profile: Profile;
  /** Null when rendered by an activity (stored documents). */
  principal: Principal | null;
  now: number;
}

/** Query parameters every report may take (each definition says which it needs). */
export interface ReportParams {
  /** A case id or number (Formulir D, E, F, G, H, I, BAST). */
  case?: string | undefined;
  /** A service code (Formulir C). */
  service?: string | undefined;
  /** YYYY-MM (Formulir F measured live). */
  month?: string | undefined;
  /** Local dates YYYY-MM-DD, inclusive (Formulir I preview, register, management review). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReportDefinition {
  id: FormulirId;
  title: LocalText;
  description: LocalText;
  /** The params this report reads (the others are ignored); validated before build. */
  params: z.ZodType<ReportParams>;
  /**
   * Roles that may read the report; 'staff' = any role other than requester. `ownCase`: the requester
   * or reporter of the case may read its own form (Formulir D, E).
   */
  roles: readonly string[] | 'staff';
  ownCase?: boolean | undefined;
  /** Profiles that have the report (e.g. bast: dpr only); undefined = every profile. */
  availableFor?: ((profile: Profile) => boolean) | undefined;
  /** Builds the model from the records; throws problem(...) (404 unknown case, 422 wrong case type …). */
  build(ctx: ReportContext, params: ReportParams): Promise<ReportModel>;
  /**
   * A complete model with made-up values (every field present, lists non-empty) used to check an
   * uploaded template before it replaces the working one.
   */
  sample(): ReportModel;
}
