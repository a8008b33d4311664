// The side effects of a disaster case (spec §6; serang BAB IV C.3):
// - lastGoodBackups: the latest backup reported before the base instant, per service (RPO, C.3.6 a);
// - openDisasterDowntime / endDisasterDowntime: the outage of each affected service in the downtime
//   table (source 'disaster', source_ref = the case), which availability (Formulir F) counts. A real
//   disaster only — an exercise never records downtime. The unique index on (tenant, source,
//   source_ref, service) makes a retried activity a no-op;
// - renderDrpEvaluation: the Laporan Evaluasi DRP (Formulir G, C.3.6 a–c) rendered through the report
//   engine (reports/models/drpEvaluation.ts, templates/reports/g.{id,en}.hbs or the tenant's own) and
//   stored in `document` once per case.
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DrpEvaluationReport } from '../policy/disaster.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { formulirGModel } from '../reports/models/drpEvaluation.ts';
import { pgTextArray } from '../db/pgArray.ts';
import { derivedDocumentId, storeReportDocument } from './documents.ts';
import type { ActivityDeps } from './index.ts';

export const DRP_EVALUATION_DOCUMENT_KIND = 'drp_evaluation';

export interface LastGoodBackup { at: number; reportedBy: string; source: 'manual' | 'integration' }

/** The id of a case's Formulir G: derived from the case, so a retried activity finds the one it stored. */
export function drpEvaluationDocumentId(caseId: string): string {
  return derivedDocumentId('drp-evaluation', caseId);
}

// ---- the activities ------------------------------------------------------------------------------

export function createDisasterActivities(deps: Pick<ActivityDeps, 'orm'>, now: () => number = Date.now) {
  const orm: MikroORM = deps.orm;

  return {
    /** The latest backup at or before `at` per service (null when none was reported). */
    async lastGoodBackups(req: { tenantId: string; services: string[]; at: number }): Promise<Record<string, LastGoodBackup | null>> {
      const result: Record<string, LastGoodBackup | null> = Object.fromEntries(req.services.map((s) => [s, null]));
      if (!req.services.length) return result;
      const rows = await orm.em.fork().execute<Array<{ service_code: string; backup_at: Date; reported_by: string; source: 'manual' | 'integration' }>>(
        `select distinct on (service_code) service_code, backup_at, reported_by, source from backup_report
         where tenant_id = ? and service_code = any(?::text[]) and backup_at <= ?
         order by service_code, backup_at desc, reported_at desc`,
        [req.tenantId, pgTextArray(req.services), new Date(req.at).toISOString()],
      );
      for (const r of rows) result[r.service_code] = { at: new Date(r.backup_at).getTime(), reportedBy: r.reported_by, source: r.source };
      return result;
    },

    /** One open outage per affected service, from `startsAt`; a retry finds the rows it wrote. */
    async openDisasterDowntime(req: { tenantId: string; caseId: string; number: string; services: string[]; startsAt: number; cause: string }): Promise<void> {
      const em = orm.em.fork();
      for (const service of new Set(req.services)) {
        await em.execute(
          `insert into downtime (id, tenant_id, service_code, starts_at, ends_at, source, source_ref, cause, recorded_by)
           values (?, ?, ?, ?, null, 'disaster', ?, ?, 'system')
           on conflict (tenant_id, source, source_ref, service_code) where source_ref is not null do nothing`,
          [randomUUID(), req.tenantId, service, new Date(req.startsAt).toISOString(), req.caseId, `${req.number}: ${req.cause}`],
        );
      }
    },

    /**
     * Ends the service's open outage of this disaster at `endsAt`. An outage that would end at or
     * before its start lasted nothing and is removed (the table allows no empty interval).
     */
    async endDisasterDowntime(req: { tenantId: string; caseId: string; service: string; endsAt: number }): Promise<void> {
      const em = orm.em.fork();
      const endsAt = new Date(req.endsAt).toISOString();
      const key = [req.tenantId, req.caseId, req.service];
      await em.execute(
        `delete from downtime where tenant_id = ? and source = 'disaster' and source_ref = ? and service_code = ? and ends_at is null and starts_at >= ?`,
        [...key, endsAt],
      );
      await em.execute(
        `update downtime set ends_at = ? where tenant_id = ? and source = 'disaster' and source_ref = ? and service_code = ? and ends_at is null`,
        [endsAt, ...key],
      );
    },

    /** Renders Formulir G and stores it with the case; a retry returns the document already stored. */
    async renderDrpEvaluation(req: { tenantId: string; caseId: string; number: string; report: DrpEvaluationReport }): Promise<{ documentId: string; sha256: string }> {
      return storeReportDocument(orm, {
        tenantId: req.tenantId, caseId: req.caseId, documentId: drpEvaluationDocumentId(req.caseId), kind: DRP_EVALUATION_DOCUMENT_KIND, now: now(),
        build: (_em, tenant) => formulirGModel(req.report, { timezone: tenant.timezone, regulation: effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined).regulation.title }),
      });
    },
  };
}
export type DisasterActivities = ReturnType<typeof createDisasterActivities>;
