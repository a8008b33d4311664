// The business calendar: working week, time zone and the holiday table administrators keep.
import { z } from 'zod';
import { readCalendar, readHolidays } from '../../db/calendar.ts';
import { holidaySchema } from '../../policy/calendarSchemas.ts';
import type { Holiday } from '../../policy/calendarTypes.ts';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { holidayYearQuery, replaceHolidaysBody } from '../schemas/calendar.ts';
import { replaceHolidays } from '../services/calendar.ts';
const holidaysResponse = z.object({ version: z.number().int(), year: z.number().int().nullable(), holidays: z.array(holidaySchema) }).meta({ id: 'Holidays' });

export function registerCalendarRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/calendar', operationId: 'getCalendar', tags: ['calendar'],
    summary: 'Kalender kerja / Business calendar',
    responses: {
      200: { description: 'Zona waktu, pekan kerja, versi', schema: z.object({ timezone: z.string(), week: z.record(z.string(), z.array(z.object({ start: z.string(), end: z.string() }))), version: z.number().int(), holidays: z.array(z.string()) }) },
      401: { description: 'Belum masuk' },
    },
    handler: async ({ principal }) => ({ status: 200 as const, body: await readCalendar(deps.orm.em.fork(), principal.tenantId) }),
  });
  registry.route({
    method: 'get', path: '/calendar/holidays', operationId: 'listHolidays', tags: ['calendar'],
    summary: 'Hari libur nasional, cuti bersama dan libur instansi / Holidays',
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
    responses: { 200: { description: 'Hari libur', schema: holidaysResponse }, 400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' } },
    handler: async ({ query, principal }) => {
      const em = deps.orm.em.fork();
      const { version } = await readCalendar(em, principal.tenantId);
      return { status: 200 as const, body: { version, year: query.year ?? null, holidays: await readHolidays(em, principal.tenantId, query.year) } };
    },
  });
  registry.route({
    method: 'put', path: '/calendar/holidays', operationId: 'replaceHolidays', tags: ['calendar'], roles: ['administrator'],
    summary: 'Ganti hari libur satu tahun / Replace the holidays of a year',
    description: 'Mengganti seluruh hari libur tahun `year`. Kasus yang sedang berjalan menyesuaikan batas waktunya. Header If-Match berisi versi kalender mencegah menimpa perubahan orang lain.',
    query: holidayYearQuery,
    body: replaceHolidaysBody,
    responses: {
      200: { description: 'Hari libur tersimpan; versi kalender baru', schema: holidaysResponse },
      400: { description: 'Tanggal tidak valid, di luar tahun, atau ganda' }, 401: { description: 'Belum masuk' },
      403: { description: 'Bukan administrator' }, 412: { description: 'Versi kalender sudah berubah' },
    },
    handler: async ({ req, query, body, principal }) => {
      const ifMatch = req.get('If-Match')?.replace(/^W\//, '').replace(/"/g, '');
      const expected = ifMatch && /^\d+$/.test(ifMatch) ? Number(ifMatch) : null;
      const version = await replaceHolidays(deps, principal, query.year, body.holidays as Holiday[], expected);
      const holidays = await readHolidays(deps.orm.em.fork(), principal.tenantId, query.year);
      return { status: 200 as const, body: { version, year: query.year, holidays }, headers: { ETag: `"${version}"` } };
    },
  });
}
