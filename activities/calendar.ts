// Activities for business calendars: read a tenant's calendar; page through its open cases so a
// calendar change can be signalled to each of them.
import type { MikroORM } from '@mikro-orm/postgresql';
import { readCalendar } from '../db/calendar.ts';
import type { OpenCasesPage } from './types.ts';

export function createCalendarActivities(orm: MikroORM) {
  return {
    async loadCalendar(tenantId: string) {
      return readCalendar(orm.em.fork(), tenantId);
    },
    async listOpenCases({ tenantId, after, limit }: { tenantId: string; after: string | null; limit: number }): Promise<OpenCasesPage> {
      const rows = await orm.em.fork().execute<Array<{ workflow_id: string }>>(
        `select workflow_id from sigap_case where tenant_id = ? and closed_at is null and workflow_id > ? order by workflow_id limit ?`,
        [tenantId, after ?? '', limit],
      );
      const workflowIds = rows.map((r) => r.workflow_id);
      return { workflowIds, next: workflowIds.length === limit ? workflowIds.at(-1)! : null };
    },
  };
}
