// /admin/catalogue: the service catalogue (Formulir A) — list (retired items too), create, replace and
// retire items through the functions behind PUT/DELETE /api/v1/catalogue/{code}, validated with the same
// schema; the roles and document kinds offered are the tenant's profile's.
import type { Router } from 'express';
import { isProblemError } from '../../api/http/problem.ts';
import { validate } from '../../api/http/validation.ts';
import { catalogueCodeParams, catalogueItemBody } from '../../api/schemas/catalogue.ts';
import { listCatalogueItems, loadCatalogueItem, putCatalogueItem, retireCatalogueItem, type CatalogueItemRow } from '../../api/services/catalogue.ts';
import { formFields, type ConsoleDeps, type PageContext } from '../context.ts';
import { local } from '../i18n.ts';
import { adminAction, adminPage, doneNotice, field, fieldId, formErrors, listField, noErrors, problemNotice, redirectDone, tenantProfile, type FormErrors, type Notice } from './adminShared.ts';

const PATH = '/admin/catalogue';
const UNITS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
type Unit = keyof typeof UNITS;
/** The free-text Formulir A fields and their columns. */
const TEXT_COLUMNS = {
  provider: 'provider', serviceDesk: 'service_desk', technicalTeam: 'technical_team', accessInfo: 'access_info',
  availabilityTarget: 'availability_target', helpContact: 'help_contact', helpHours: 'help_hours', availability: 'availability',
} as const satisfies Record<string, keyof CatalogueItemRow>;
const TEXT_FIELDS = Object.keys(TEXT_COLUMNS) as TextField[];

type TextField = keyof typeof TEXT_COLUMNS;
const SIMPLE_FIELDS = ['nameId', 'nameEn', 'descriptionId', 'descriptionEn', 'group', 'targetValue', 'targetUnit', 'basis', 'approverRole'] as const;
type Form = Record<(typeof SIMPLE_FIELDS)[number] | 'code', string> & { requiresApproval: boolean; requiredDocuments: string[]; text: Record<TextField, string> };

/** The largest unit that expresses `ms` exactly (a target of 90 minutes stays in minutes). */
function splitDuration(ms: number): { value: number; unit: Unit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) if (ms % UNITS[unit] === 0) return { value: ms / UNITS[unit], unit };
  return { value: ms / UNITS.minutes, unit: 'minutes' };
}

function formOf(r: CatalogueItemRow): Form {
  const target = splitDuration(Number(r.fulfilment_target_ms));
  return {
    code: r.code, nameId: r.name.id, nameEn: r.name.en, descriptionId: r.description.id, descriptionEn: r.description.en, group: r.service_group,
    targetValue: String(target.value), targetUnit: target.unit, basis: r.target_basis, requiresApproval: r.requires_approval,
    approverRole: r.approver_role ?? '', requiredDocuments: r.required_documents,
    text: textRecord((f) => r[TEXT_COLUMNS[f]] ?? ''),
  };
}

const textRecord = (value: (f: TextField) => string) => Object.fromEntries(TEXT_FIELDS.map((f) => [f, value(f)])) as Record<TextField, string>;

const emptyForm = (): Form => ({
  code: '', nameId: '', nameEn: '', descriptionId: '', descriptionEn: '', group: '', targetValue: '', targetUnit: 'days', basis: 'working',
  requiresApproval: false, approverRole: '', requiredDocuments: [], text: textRecord(() => ''),
});

async function showList(ctx: PageContext, notice?: Notice, status = 200): Promise<void> {
  const rows = await listCatalogueItems(ctx.deps, ctx.principal.tenantId, true);
  ctx.render('admin-catalogue', {
    title: ctx.t('admin.catalogue.title'),
    items: rows.map((r) => {
      const target = splitDuration(Number(r.fulfilment_target_ms));
      return {
        code: r.code, name: local(r.name, ctx.lang), group: r.service_group, active: r.active, requiresApproval: r.requires_approval,
        approverRole: r.approver_role, target: ctx.t(`admin.unit.${target.unit}`, { n: target.value }), basis: r.target_basis,
      };
    }),
    notice: notice ?? doneNotice(ctx),
  }, status);
}

async function showForm(ctx: PageContext, mode: 'new' | 'edit', form: Form, errors: FormErrors = noErrors(), notice?: Notice, status = 200): Promise<void> {
  const profile = await tenantProfile(ctx);
  ctx.render('admin-catalogue-form', {
    title: mode === 'new' ? ctx.t('admin.catalogue.newTitle') : ctx.t('admin.catalogue.editTitle', { code: form.code }),
    isNew: mode === 'new', action: mode === 'new' ? PATH : `${PATH}/${form.code}`, form, errors: errors.byField, summary: errors.summary, notice,
    units: (Object.keys(UNITS) as Unit[]).map((u) => ({ id: u, selected: u === form.targetUnit })),
    bases: ['working', 'calendar'].map((b) => ({ id: b, selected: b === form.basis })),
    roles: profile.roles.map((r) => ({ id: r.id, title: local(r.title, ctx.lang), selected: r.id === form.approverRole })),
    documents: profile.documentKinds.map((d) => ({ id: d.id, title: local(d.title, ctx.lang), checked: form.requiredDocuments.includes(d.id) })),
    textFields: TEXT_FIELDS.map((f) => ({ name: f, id: `f-${f}`, label: ctx.t(`admin.catalogue.${f}`), value: form.text[f], error: errors.byField[`f-${f}`] })),
  }, status);
}

/** Errors of the code (params) and of the body, by input id. */
const idOf = (path: string) => (path.startsWith('params.') ? 'f-code' : fieldId(path.replace(/\.\d+(\..*)?$/, '')));

async function save(ctx: PageContext, mode: 'new' | 'edit'): Promise<void> {
  const fields = formFields(ctx.req);
  const form: Form = {
    ...(Object.fromEntries(SIMPLE_FIELDS.map((f) => [f, field(fields, f)])) as Record<(typeof SIMPLE_FIELDS)[number], string>),
    text: textRecord((f) => field(fields, f)),
    code: mode === 'new' ? field(fields, 'code').toUpperCase() : String(ctx.req.params.code),
    requiresApproval: field(fields, 'requiresApproval') === 'on', requiredDocuments: listField(fields, 'requiredDocuments'),
  };
  const unit = (form.targetUnit in UNITS ? form.targetUnit : 'days') as Unit;
  const body = {
    name: { id: form.nameId, en: form.nameEn }, description: { id: form.descriptionId, en: form.descriptionEn }, group: form.group,
    fulfilmentTarget: { ms: form.targetValue === '' ? undefined : Math.round(Number(form.targetValue.replace(',', '.')) * UNITS[unit]), basis: form.basis },
    requiresApproval: form.requiresApproval, approverRole: form.approverRole || null, requiredDocuments: form.requiredDocuments,
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, form.text[f] || null])),
  };
  const [code, parsed] = await Promise.all([
    validate(catalogueCodeParams, { code: form.code }, 'params', ctx.lang), validate(catalogueItemBody, body, 'body', ctx.lang),
  ]);
  const errors = [...(code.ok ? [] : code.errors), ...(parsed.ok ? [] : parsed.errors)];
  if (mode === 'new' && code.ok && await exists(ctx, form.code)) {
    errors.unshift({ path: 'params.code', message: ctx.t('admin.catalogue.codeTaken', { code: form.code }) });
  }
  if (errors.length || !parsed.ok) return showForm(ctx, mode, form, formErrors(errors, ctx.lang, idOf), undefined, 400);
  try {
    const { inserted } = await putCatalogueItem(ctx.deps, ctx.principal, form.code, parsed.value);
    redirectDone(ctx, PATH, inserted ? 'catalogueCreated' : 'catalogueSaved', form.code);
  } catch (err) {
    // A role or document kind the profile does not know (422): said next to its field.
    if (!isProblemError(err) || err.status !== 422) throw err;
    const notice = problemNotice(err, ctx.lang);
    const id = err.code === 'unknown_role' ? 'f-approverRole' : 'f-requiredDocuments';
    await showForm(ctx, mode, form, { byField: { [id]: notice.text }, summary: [{ id, message: notice.text }] }, undefined, 422);
  }
}

async function exists(ctx: PageContext, code: string): Promise<boolean> {
  try {
    await loadCatalogueItem(ctx.deps, ctx.principal.tenantId, code);
    return true;
  } catch (err) {
    if (isProblemError(err) && err.status === 404) return false;
    throw err;
  }
}

export function registerCataloguePages(router: Router, c: ConsoleDeps): void {
  router.get(PATH, adminPage(c, (ctx) => showList(ctx)));
  router.get(`${PATH}/new`, adminPage(c, (ctx) => showForm(ctx, 'new', emptyForm())));
  router.post(PATH, ...adminAction(c, (ctx) => save(ctx, 'new')));
  router.get(`${PATH}/:code/edit`, adminPage(c, async (ctx) => showForm(ctx, 'edit', formOf(await loadCatalogueItem(ctx.deps, ctx.principal.tenantId, String(ctx.req.params.code))))));
  router.post(`${PATH}/:code`, ...adminAction(c, (ctx) => save(ctx, 'edit')));
  router.post(`${PATH}/:code/retire`, ...adminAction(c, async (ctx) => {
    const item = await retireCatalogueItem(ctx.deps, ctx.principal, String(ctx.req.params.code));
    redirectDone(ctx, PATH, 'catalogueRetired', item.code);
  }));
}
