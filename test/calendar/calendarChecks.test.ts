// policy/calendar.ts checks weeks, zones and holiday records by hand (workflows import it, and zod there
// cost every case its start-up time); the API and the profiles check them with the zod schemas of
// policy/calendarSchemas.ts. Both must accept exactly the same values.
import fc from 'fast-check';
import { holidaySchema, timezoneSchema, workingWeekSchema } from '../../policy/calendarSchemas.ts';
import { makeCalendar } from '../../policy/calendar.ts';

/** Throws of makeCalendar that are rules beyond the schemas (ordering, no working time, real dates). */
const BEYOND_SCHEMA = /overlap|no working time|not a valid date/;

function verdict(run: () => unknown): 'accepted' | 'refused' | 'beyond' {
  try {
    run();
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(RangeError);
    return BEYOND_SCHEMA.test((err as Error).message) ? 'beyond' : 'refused';
  }
}

const hhmm = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('7:30', '24:01', '12:60', '', '07:30 ', 'ab:cd', '23:59'),
  fc.anything().filter((v) => typeof v !== 'string'),
);
const stretch = fc.oneof({ weight: 8, arbitrary: fc.record({ start: hhmm, end: hhmm }) }, { weight: 1, arbitrary: fc.anything() });
const day = fc.oneof({ weight: 8, arbitrary: fc.array(stretch, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.anything() });
const week = fc.oneof(
  { weight: 8, arbitrary: fc.record({ 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day }, { requiredKeys: ['1', '2', '3', '4', '5', '6'] }) },
  // null and undefined mean "not given" to makeCalendar (the default week), so they are not drawn here.
  { weight: 1, arbitrary: fc.anything().filter((v) => v !== null && v !== undefined) },
);

test('a working week: the hand check and workingWeekSchema agree', () => {
  fc.assert(fc.property(week, (w) => {
    const v = verdict(() => makeCalendar({ week: w as never, holidays: [] }));
    expect(v === 'refused').toBe(!workingWeekSchema.safeParse(w).success);
  }), { numRuns: 3000 });
});

test('a holiday record: the hand check and holidaySchema agree', () => {
  const date = fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2026-02-30', '2026-1-01', '01/01/2026', ''), fc.anything());
  const text = (max: number) => fc.oneof(fc.string({ maxLength: max + 5 }), fc.anything());
  const record = fc.oneof(
    { weight: 8, arbitrary: fc.record({ date, kind: fc.oneof(fc.constantFrom('national', 'cuti_bersama', 'agency', 'libur'), fc.anything()), name: text(200), source: text(300) }, { requiredKeys: ['date', 'kind', 'name'] }) },
    { weight: 1, arbitrary: fc.anything().filter((v) => typeof v !== 'string') },
  );
  fc.assert(fc.property(record, (h) => {
    const v = verdict(() => makeCalendar({ holidays: [h as never] }));
    expect(v === 'refused').toBe(!holidaySchema.safeParse(h).success);
  }), { numRuns: 3000 });
});

test('a time zone: the hand check and timezoneSchema agree', () => {
  fc.assert(fc.property(fc.oneof(fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Singapore', 'toString', '__proto__'), fc.anything().filter((v) => v != null)), (tz) => {
    const v = verdict(() => makeCalendar({ timezone: tz as never, holidays: [] }));
    expect(v === 'refused').toBe(!timezoneSchema.safeParse(tz).success);
  }));
});
