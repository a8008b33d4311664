// The holiday table: 2026 from the SKB 3 Menteri, 2027 only its fixed dates until its SKB is entered.
import { NATIONAL_HOLIDAYS, PENDING_DECREES, holidayYearStatus, holidaysOfYear } from '../../policy/holidays.ts';
import { holidaySchema } from '../../policy/calendarSchemas.ts';
import { makeCalendar } from '../../policy/calendar.ts';

test('2026: 17 national holidays and 8 cuti bersama, all from the SKB 3 Menteri 1497/2/5 Tahun 2025', () => {
  const y = holidaysOfYear(2026);
  const national = y.filter((h) => h.kind === 'national').map((h) => h.date.slice(5));
  const cuti = y.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date.slice(5));
  expect(national).toEqual([
    '01-01', '01-16', '02-17', '03-19', '03-21', '03-22', '04-03', '04-05', '05-01', '05-14', '05-27', '05-31', '06-01', '06-16', '08-17',
    '08-25', '12-25',
  ]);
  expect(cuti).toEqual(['02-16', '03-18', '03-20', '03-23', '03-24', '05-15', '05-28', '12-24']);
  for (const h of y) expect(h.source).toMatch(/SKB 3 Menteri.*1497 Tahun 2025.*No\. 2 Tahun 2025.*No\. 5 Tahun 2025/);
  expect(y.find((h) => h.date === '2026-03-19')!.name).toMatch(/Nyepi.*1948/);
  expect(y.find((h) => h.date === '2026-02-17')!.name).toMatch(/Imlek 2577/);
});

test('2027 holds only the fixed-date holidays and is flagged as pending', () => {
  expect(holidaysOfYear(2027).map((h) => h.date)).toEqual(['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']);
  for (const h of holidaysOfYear(2027)) {
    expect(h.kind).toBe('national');
    expect(h.source).toMatch(/Tanggal tetap.*Keppres 8 Tahun 2024.*belum dari SKB 3 Menteri 2027/);
  }
  expect(PENDING_DECREES).toEqual([{ year: 2027, note: expect.stringContaining('PUT /api/v1/calendar/holidays') }]);
  expect(holidayYearStatus(2026)).toBe('complete');
  expect(holidayYearStatus(2027)).toBe('pending');
  expect(holidayYearStatus(2028)).toBe('missing');
  expect(holidaysOfYear(2028)).toEqual([]);
});

test('every entry is valid, unique by date, sorted, and accepted by makeCalendar', () => {
  for (const h of NATIONAL_HOLIDAYS) expect(holidaySchema.safeParse(h).success).toBe(true);
  const dates = NATIONAL_HOLIDAYS.map((h) => h.date);
  expect(new Set(dates).size).toBe(dates.length);
  expect([...dates].sort()).toEqual(dates);
  expect(NATIONAL_HOLIDAYS).toHaveLength(25 + 5);
  expect(makeCalendar({ holidays: NATIONAL_HOLIDAYS }).holidays).toEqual(dates);
});

test('the table cannot be changed by a caller', () => {
  const copy = holidaysOfYear(2026);
  copy.pop();
  expect(holidaysOfYear(2026)).toHaveLength(25);
  expect(Object.isFrozen(NATIONAL_HOLIDAYS) && Object.isFrozen(NATIONAL_HOLIDAYS[0])).toBe(true);
});
