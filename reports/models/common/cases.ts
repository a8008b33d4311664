// The case a form prints (Formulir D, E, I): looked up by id or number within the tenant, of the
// case type the form is for, with its audit trail as the form's timeline.
import { problem } from '../../../api/http/problem.ts';
import { loadCaseRow } from '../../../api/services/cases.ts';
import type { CaseRow } from '../../../api/services/caseView.ts';
import type { FormulirId, ReportContext, ReportTable } from '../../types.ts';
import { iso } from './text.ts';

/** 400 report_case_required; 404 case_not_found; 422 report_case_type_mismatch when the case is of another process. */
export async function caseFor(ctx: ReportContext, idOrNumber: string | undefined, caseType: string, formulir: FormulirId): Promise<CaseRow> {
  if (!idOrNumber) throw problem(400, 'report_case_required', { formulir });
  const row = await loadCaseRow(ctx.em, ctx.tenant.id, idOrNumber);
  if (row.case_type !== caseType) throw problem(422, 'report_case_type_mismatch', { formulir, number: row.number, expected: caseType });
  return row;
}

export interface TimelineEntry { seq: number; at: string; actor: string; actorName: string; role: string | null; action: string }

/** The case's audit events, oldest first, with the actor's display name. */
export async function timelineOf(ctx: ReportContext, caseId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.em.execute<Array<{ seq: number; at: Date; actor: string; actor_role: string | null; action: string; actor_name: string | null }>>(
    `select e.seq, e.at, e.actor, e.actor_role, e.action, u.name as actor_name
       from case_event e left join app_user u on u.tenant_id = ? and u.username = e.actor
      where e.case_id = ? order by e.seq`,
    [ctx.tenant.id, caseId],
  );
  return rows.map((e) => ({
    seq: e.seq, at: iso(e.at)!, actor: e.actor, actorName: e.actor_name ?? (e.actor === 'system' ? 'Sigap' : e.actor), role: e.actor_role, action: e.action,
  }));
}

/** The case's timeline as a report table (who, when, under which role, what): Formulir D and E. */
export function timelineTable(rows: Array<{ at: string; name: string; role: { id: string }; action: string }>): ReportTable {
  return {
    id: 'timeline', title: { id: 'Riwayat', en: 'Timeline' },
    columns: [
      { key: 'at', title: { id: 'Waktu', en: 'Time' }, kind: 'datetime' },
      { key: 'name', title: { id: 'Oleh', en: 'By' } },
      { key: 'role', title: { id: 'Peran', en: 'Role' } },
      { key: 'action', title: { id: 'Tindakan', en: 'Action' } },
    ],
    rows: rows.map((e) => ({ at: e.at, name: e.name, role: e.role.id, action: e.action })),
  };
}
