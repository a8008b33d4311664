// Release activities besides the steps: the Berita Acara Serah Terima (dpr Pasal 15 ayat 3) rendered
// through the report engine (reports/models/bast.ts, templates/reports/bast.{id,en}.hbs or the
// tenant's own) and stored as a document of the case (with its SHA-256, like uploads in
// api/routes/documents.ts), and the services' handover instant (service.handed_over_at, which starts
// dpr's 3-month maintenance period after which work on the service is a change again, Pasal 16–17).
import type { MikroORM } from '@mikro-orm/postgresql';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import { bastModel, handoverSignatories } from '../reports/models/bast.ts';
import type { ReleaseActivities } from './types.ts';
import { derivedDocumentId, storeReportDocument } from './documents.ts';

export const HANDOVER_DOCUMENT_KIND = 'berita_acara_serah_terima';

/** The id of a case's handover document: derived from the case, so a retried activity finds the one it stored. */
export function handoverDocumentId(caseId: string): string {
  return derivedDocumentId('bast', caseId);
}

export function createReleaseDocumentActivities(orm: MikroORM, now: () => Date = () => new Date()): Pick<ReleaseActivities, 'renderHandover' | 'recordServiceHandover'> {
  return {
    async renderHandover({ tenantId, caseId, number, data }) {
      const at = now().getTime();
      return storeReportDocument(orm, {
        tenantId, caseId, documentId: handoverDocumentId(caseId), kind: HANDOVER_DOCUMENT_KIND, now: at,
        async build(em, tenant) {
          const [row] = await em.execute<Array<{ title: string; data: Record<string, unknown> }>>('select title, data from sigap_case where id = ? and tenant_id = ?', [caseId, tenantId]);
          if (!row) throw new Error(`release ${number} (${caseId}) has no case row in tenant ${tenantId}`);
          // The read model, with what the workflow passes laid over it.
          const merged = { ...row.data, ...data };
          const requester = (merged.requester as { username?: unknown } | null | undefined)?.username;
          const people = await handoverSignatories(em, tenantId, typeof requester === 'string' ? requester : null);
          return bastModel({
            number, title: row.title, data: merged, profile: effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined),
            timezone: tenant.timezone, at, ...people,
          });
        },
      });
    },

    async recordServiceHandover({ tenantId, services, at }) {
      if (!services.length) return;
      await orm.em.fork().execute(
        `update service set handed_over_at = ?, updated_at = now() where tenant_id = ? and code = any(?::text[])`,
        [new Date(at).toISOString(), tenantId, `{${services.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
      );
    },
  };
}
