// Params of the evaluation reports: an evaluation case, or a period (local dates, both inclusive) to
// preview. A period that ends before it starts is refused by the API before the build (400
// period_ends_before_start).
import { z } from 'zod';
import { isValidLocalDate } from '../../../policy/calendarTypes.ts';

const localDate = z.string().refine(isValidLocalDate, { message: 'tanggal YYYY-MM-DD / a date YYYY-MM-DD' });

export const caseOrPeriod = z.object({
  case: z.string().min(1).max(64).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
}).refine((p) => p.case !== undefined || (p.from !== undefined && p.to !== undefined), {
  message: 'case, atau from dan to / case, or from and to',
});
