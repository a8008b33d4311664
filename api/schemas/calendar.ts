// Schemas of the holiday administration: PUT /calendar/holidays and the console's holiday form.
import { z } from 'zod';
import { holidaySchema } from '../../policy/calendarSchemas.ts';
import { isValidLocalDate } from '../../policy/calendarTypes.ts';

const holidayBody = holidaySchema.extend({
  date: holidaySchema.shape.date.refine(isValidLocalDate, { message: 'field_format_date' }),
}).strict();

export const holidayYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const replaceHolidaysBody = z.strictObject({ holidays: z.array(holidayBody).max(100) });
