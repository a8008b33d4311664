// View models of cases for the console's templates (inbox, case list, case page): labels in the viewer's
// language, SLA clocks with their state and the attributes console.js counts down with, what a case
// waits for and from whom, timeline entries with the delegation they were taken under.
import type { Lang, LocalText } from '../../api/http/messages.ts';
import type { CaseView } from '../../api/services/caseView.ts';
import type { ClockView } from '../../policy/sla.ts';
import { hasText, local, t } from '../i18n.ts';

const readable = (id: string) => id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const labelOf = (prefix: string, id: string | null | undefined, lang: Lang) =>
  !id ? '' : hasText(`${prefix}.${id}`) ? t(`${prefix}.${id}`, lang) : readable(id);

export const stateLabel = (state: string, lang: Lang) => labelOf('cases.state', state, lang);
export const actionLabel = (action: string, lang: Lang) => labelOf('cases.action', action, lang);
export const typeLabel = (type: string, lang: Lang) => labelOf('cases.type', type, lang);
export const relationLabel = (relation: string | undefined, lang: Lang) => (relation ? labelOf('cases.relation', relation, lang).toLowerCase() : '');
export const priorityLabel = (priority: string | null, lang: Lang) => labelOf('cases.value', priority, lang);

/** Remaining time as console.js writes it (days, hours, minutes), so the live count does not jump. */
export function durationText(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const [dd, hh, mm] = lang === 'id' ? ['h', 'j', 'm'] : ['d', 'h', 'm'];
  return `${d ? `${d}${dd} ` : ''}${h}${hh} ${m}${mm}`;
}

export type ClockState = 'ok' | 'warning' | 'breached' | 'paused' | 'stopped';

export function clockModel(c: ClockView, lang: Lang, now: number) {
  const state: ClockState = c.stopped ? 'stopped' : c.breached ? 'breached' : c.paused ? 'paused' : c.warningsFired.length > 0 ? 'warning' : 'ok';
  const pct = c.targetMs > 0 ? Math.min(100, Math.round((c.elapsedMs / c.targetMs) * 100)) : 0;
  const overdue = c.dueAt !== null && Date.parse(c.dueAt) < now;
  const stateText = state === 'stopped' ? t(c.met ? 'cases.clock.met' : 'cases.clock.missed', lang) : t(`cases.clock.${state}`, lang);
  return {
    id: c.id,
    label: t('cases.clock.label', lang, { id: readable(c.id) }),
    state,
    stateText,
    // The badge colour: a stopped clock shows whether it met its target.
    tone: state === 'stopped' ? (c.met ? 'ok' : 'breached') : state === 'paused' ? 'paused' : state,
    pct,
    pctText: t('cases.clock.progress', lang, { pct }),
    running: !c.paused && !c.stopped,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    overdue,
    remainingText: `${overdue ? '−' : ''}${durationText(c.dueAt === null ? c.remainingMs : Date.parse(c.dueAt) - now, lang)}`,
    targetText: t('cases.clock.target', lang, { target: durationText(c.targetMs, lang), basis: t(`cases.clock.basis.${c.basis}`, lang) }),
  };
}

/** The case's overall SLA state: the worst of its running clocks. */
export function slaOf(view: CaseView, lang: Lang, now: number) {
  const clocks = view.sla.map((c) => clockModel(c, lang, now));
  const rank: Record<string, number> = { breached: 4, warning: 3, ok: 2, paused: 1, stopped: 0 };
  const worst = [...clocks].sort((a, b) => (rank[b.state] ?? 0) - (rank[a.state] ?? 0))[0];
  return worst ?? null;
}

type WaitingView = CaseView['waitingFor'][number];

export function waitingText(w: WaitingView, lang: Lang): string {
  const action = actionLabel(w.action, lang);
  const roles = (list: Array<{ title: LocalText }>) => list.map((r) => local(r.title, lang)).join(', ');
  const from = w.from as { roles?: Array<{ title: LocalText }>; user?: string | null; orRoles?: Array<{ title: LocalText }> };
  if (from.roles) return t('cases.waiting.fromRoles', lang, { action, roles: roles(from.roles) });
  if (from.orRoles && !from.user) return t('cases.waiting.fromRoles', lang, { action, roles: roles(from.orRoles) });
  if (from.orRoles) return t('cases.waiting.fromUserOrRoles', lang, { action, user: from.user, roles: roles(from.orRoles) });
  return t('cases.waiting.fromUser', lang, { action, user: from.user ?? '–' });
}

/** A row of the inbox or the case list. */
export function caseRow(view: CaseView, lang: Lang, now: number) {
  return {
    id: view.id,
    number: view.number,
    title: view.title,
    href: `/cases/${encodeURIComponent(view.number)}`,
    type: typeLabel(view.type, lang),
    state: stateLabel(view.state, lang),
    priority: priorityLabel(view.priority, lang),
    service: view.service,
    dueAt: view.dueAt,
    createdAt: view.createdAt,
    sla: slaOf(view, lang, now),
    waiting: view.waitingFor.map((w) => waitingText(w, lang)),
  };
}

type TimelineEvent = {
  seq: number; at: string; actor: { username: string; name: string; role: string | null }; action: string; payload: unknown;
  delegation: { kind: string; role: string; delegator: { name: string | null; username: string } } | null;
};

/** The scalar facts of an event's payload worth reading (notes, decisions, reasons), without internals. */
function payloadFacts(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  const skip = new Set(['updateId', 'delegation', 'actor', 'calendarVersion', 'atMs']);
  return Object.entries(payload as Record<string, unknown>)
    .filter(([k, v]) => !skip.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function timelineEntry(e: TimelineEvent, lang: Lang, roleTitle: (id: string) => string) {
  return {
    seq: e.seq,
    at: e.at,
    who: e.actor.name,
    role: e.actor.role ? roleTitle(e.actor.role) : '',
    what: actionLabel(e.action, lang),
    details: payloadFacts(e.payload),
    delegation: e.delegation ? t('cases.timeline.delegation', lang, {
      kind: e.delegation.kind === 'plt' ? 'Plt.' : 'Plh.', delegator: e.delegation.delegator.name ?? e.delegation.delegator.username, role: roleTitle(e.delegation.role),
    }) : null,
  };
}
