// What every administration page shares: the administrator check (the same one the API's admin routes
// make, so anyone else gets the 403 page), form errors as the API words them, notices after a redirect,
// and the conversion of <input type="datetime-local"> values in the tenant's time zone.
import type { RequestHandler } from 'express';
import type { FieldError, ProblemError } from '../../api/http/problem.ts';
import { titleOf, translate, type Lang } from '../../api/http/messages.ts';
import { requireAdministrator } from '../../api/services/releases.ts';
import { loadTenant, profileOf } from '../../api/services/tenants.ts';
import type { Profile } from '../../policy/profile.ts';
import { action, page, type ConsoleDeps, type PageContext, type PageHandler } from '../context.ts';
import { hasText } from '../i18n.ts';

/** A GET page for administrators only. */
export function adminPage(c: ConsoleDeps, handler: PageHandler): RequestHandler {
  return page(c, async (ctx) => {
    requireAdministrator(ctx.principal);
    await handler(ctx);
  });
}

/** A form post for administrators only (CSRF checked by `action`). */
export function adminAction(c: ConsoleDeps, handler: PageHandler): RequestHandler[] {
  return action(c, async (ctx) => {
    requireAdministrator(ctx.principal);
    await handler(ctx);
  });
}

export interface Notice { title?: string; text: string; bad?: boolean }

/** Errors next to the fields (by input id) and the summary at the top linking to them. */
export interface FormErrors { byField: Record<string, string>; summary: Array<{ id: string; message: string }> }

export const noErrors = (): FormErrors => ({ byField: {}, summary: [] });

/** The input id of a schema path: 'body.name.id' → 'f-name-id'. */
export const fieldId = (path: string): string => `f-${path.replace(/^body\.?/, '').replace(/\./g, '-') || 'form'}`;

/** Field errors of a validation result or a problem, in the viewer's language; `idOf` maps a path to an input id. */
export function formErrors(errors: readonly FieldError[], lang: Lang, idOf: (path: string) => string = fieldId): FormErrors {
  const out = noErrors();
  for (const e of errors) {
    const message = e.message ?? translate(e.messageKey ?? 'field_invalid', lang, e.params ?? {});
    const id = idOf(e.path);
    if (!(id in out.byField)) out.byField[id] = message;
    out.summary.push({ id, message });
  }
  return out;
}

/** A refused action as a notice: the API's title and detail of the problem. */
export function problemNotice(p: ProblemError, lang: Lang): Notice {
  return { title: titleOf(p.code, lang, p.status), text: translate(p.code, lang, p.params), bad: true };
}

/** The notice a redirect after a successful post asks for (`?done=<key>&ref=<what>`), only for known keys. */
export function doneNotice(ctx: PageContext): Notice | undefined {
  const done = typeof ctx.req.query.done === 'string' ? ctx.req.query.done : '';
  const key = `admin.done.${done}`;
  if (!/^[a-zA-Z]{1,40}$/.test(done) || !hasText(key)) return undefined;
  const ref = typeof ctx.req.query.ref === 'string' ? ctx.req.query.ref.slice(0, 200) : '';
  return { text: ctx.t(key, { ref }) };
}

/** Where to go after a successful post: the page with a notice. */
export function redirectDone(ctx: PageContext, path: string, done: string, ref = ''): void {
  const sep = path.includes('?') ? '&' : '?';
  ctx.res.redirect(303, `${path}${sep}done=${done}${ref ? `&ref=${encodeURIComponent(ref)}` : ''}`);
}

export async function tenantProfile(ctx: PageContext): Promise<Profile> {
  return profileOf(await loadTenant(ctx.deps.orm.em.fork(), ctx.principal.tenantId));
}

/** A posted field as one string (the first of repeated ones), trimmed. */
export function field(fields: Record<string, string | string[]>, name: string): string {
  const v = fields[name];
  return (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();
}

/** A posted field as a list: repeated fields (checkboxes) or one text split on commas, spaces or new lines. */
export function listField(fields: Record<string, string | string[]>, name: string): string[] {
  const v = fields[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.flatMap((s) => s.split(/[\s,]+/)).map((s) => s.trim()).filter(Boolean);
}

function offsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** '2026-11-22T14:00' in the tenant's zone → ISO 8601; anything else is passed on for the schema to refuse. */
export function localToIso(value: string, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const asUtc = new Date(`${value}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return value;
  return new Date(asUtc.getTime() - offsetMinutes(asUtc, timeZone) * 60_000).toISOString();
}

/** An instant as a datetime-local value in the tenant's zone. */
export function isoToLocal(iso: string | number | Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return parts.replace(' ', 'T');
}

/** A fresh key for a rendered form, so a double submit acts once. */
export const formKey = (): string => crypto.randomUUID();

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
