// The business calendar of a tenant as stored: working week and zone, holiday table, version.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BusinessCalendar, Holiday, IndonesianTimezone, WorkingWeek } from '../policy/calendarTypes.ts';

interface CalendarRow { timezone: IndonesianTimezone; week: WorkingWeek; version: number }

export async function readCalendar(em: EntityManager, tenantId: string): Promise<BusinessCalendar> {
  // One round trip: every case intake and case view reads the calendar.
  const [row] = await em.execute<Array<CalendarRow & { holidays: string[] }>>(
    `select c.timezone, c.week, c.version,
       array(select to_char(h.date, 'YYYY-MM-DD') from holiday h where h.tenant_id = c.tenant_id order by h.date) as holidays
     from tenant_calendar c where c.tenant_id = ?`,
    [tenantId],
  );
  if (!row) throw new Error(`tenant ${tenantId} has no business calendar (seed it first)`);
  return { timezone: row.timezone, week: row.week, version: row.version, holidays: row.holidays };
}

export async function readHolidays(em: EntityManager, tenantId: string, year?: number): Promise<Holiday[]> {
  const rows = await em.execute<Array<{ date: string; kind: Holiday['kind']; name: string; source: string | null }>>(
    `select to_char(date, 'YYYY-MM-DD') as date, kind, name, source from holiday
     where tenant_id = ? ${year === undefined ? '' : 'and extract(year from date) = ?'} order by date`,
    year === undefined ? [tenantId] : [tenantId, year],
  );
  return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, ...(r.source ? { source: r.source } : {}) }));
}

/**
 * Creates the calendar of a tenant when missing and seeds each year's national holidays once
 * (recorded in holiday_seed), so edits and deletions by administrators survive restarts.
 */
export async function seedCalendar(em: EntityManager, tenantId: string, calendar: { timezone: IndonesianTimezone; week: WorkingWeek }, holidays: Holiday[]): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(
      `insert into tenant_calendar (tenant_id, timezone, week) values (?, ?, ?::jsonb) on conflict (tenant_id) do nothing`,
      [tenantId, calendar.timezone, JSON.stringify(calendar.week)],
    );
    await tx.execute('select 1 from tenant_calendar where tenant_id = ? for update', [tenantId]);
    const years = [...new Set(holidays.map((h) => Number(h.date.slice(0, 4))))];
    let added = 0;
    for (const year of years) {
      const seeded = await tx.execute<Array<{ year: number }>>(
        'insert into holiday_seed (tenant_id, year) values (?, ?) on conflict do nothing returning year', [tenantId, year]);
      if (!seeded.length) continue;
      for (const h of holidays.filter((d) => d.date.startsWith(`${year}-`))) {
        await tx.execute(
          'insert into holiday (tenant_id, date, kind, name, source) values (?, ?::date, ?, ?, ?) on conflict do nothing',
          [tenantId, h.date, h.kind, h.name, h.source ?? null],
        );
        added++;
      }
    }
    if (added) await tx.execute('update tenant_calendar set version = version + 1, updated_at = now() where tenant_id = ?', [tenantId]);
  });
}

/** Replaces the holidays of one year; returns the new calendar version. */
export async function replaceHolidaysOfYear(em: EntityManager, tenantId: string, year: number, holidays: Holiday[], by: string, expectedVersion: number | null): Promise<number | 'stale'> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<Array<{ version: number }>>('select version from tenant_calendar where tenant_id = ? for update', [tenantId]);
    if (!row) throw new Error(`tenant ${tenantId} has no business calendar`);
    if (expectedVersion !== null && row.version !== expectedVersion) return 'stale';
    await tx.execute('delete from holiday where tenant_id = ? and extract(year from date) = ?', [tenantId, year]);
    for (const h of holidays) {
      await tx.execute('insert into holiday (tenant_id, date, kind, name, source) values (?, ?::date, ?, ?, ?)', [tenantId, h.date, h.kind, h.name, h.source ?? null]);
    }
    await tx.execute('insert into holiday_seed (tenant_id, year) values (?, ?) on conflict do nothing', [tenantId, year]);
    const [updated] = await tx.execute<Array<{ version: number }>>(
      'update tenant_calendar set version = version + 1, updated_by = ?, updated_at = now() where tenant_id = ? returning version', [by, tenantId]);
    return updated!.version;
  });
}
