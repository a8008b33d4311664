// Indonesian national holidays (hari libur nasional) and collective leave (cuti bersama) as data.
// Each year comes from that year's SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB);
// lunar and religious dates move every year and are never computed here. A year whose SKB has not been
// entered carries only the dates that Keppres 8/2024 fixes on the calendar, and is listed in PENDING_DECREES.
import type { Holiday } from './calendarTypes.ts';

const SKB_2026 = 'SKB 3 Menteri: Menteri Agama No. 1497 Tahun 2025, Menteri Ketenagakerjaan No. 2 Tahun 2025, Menteri PANRB No. 5 Tahun 2025';

function national(date: string, name: string, source: string): Holiday {
  return { date, kind: 'national', name, source };
}
function cutiBersama(date: string, name: string, source: string): Holiday {
  return { date, kind: 'cuti_bersama', name, source };
}

const Y2026: Holiday[] = [
  national('2026-01-01', 'Tahun Baru 2026 Masehi', SKB_2026),
  national('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', SKB_2026),
  cutiBersama('2026-02-16', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili', SKB_2026),
  national('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', SKB_2026),
  cutiBersama('2026-03-18', 'Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948', SKB_2026),
  national('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', SKB_2026),
  cutiBersama('2026-03-20', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  national('2026-03-21', 'Idulfitri 1447 Hijriah', SKB_2026),
  national('2026-03-22', 'Idulfitri 1447 Hijriah', SKB_2026),
  cutiBersama('2026-03-23', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  cutiBersama('2026-03-24', 'Cuti bersama Idulfitri 1447 Hijriah', SKB_2026),
  national('2026-04-03', 'Wafat Yesus Kristus', SKB_2026),
  national('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', SKB_2026),
  national('2026-05-01', 'Hari Buruh Internasional', SKB_2026),
  national('2026-05-14', 'Kenaikan Yesus Kristus', SKB_2026),
  cutiBersama('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', SKB_2026),
  national('2026-05-27', 'Iduladha 1447 Hijriah', SKB_2026),
  cutiBersama('2026-05-28', 'Cuti bersama Iduladha 1447 Hijriah', SKB_2026),
  national('2026-05-31', 'Hari Raya Waisak 2570 BE', SKB_2026),
  national('2026-06-01', 'Hari Lahir Pancasila', SKB_2026),
  national('2026-06-16', 'Tahun Baru Islam 1448 Hijriah', SKB_2026),
  national('2026-08-17', 'Proklamasi Kemerdekaan Republik Indonesia', SKB_2026),
  national('2026-08-25', 'Maulid Nabi Muhammad SAW', SKB_2026),
  cutiBersama('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', SKB_2026),
  national('2026-12-25', 'Kelahiran Yesus Kristus', SKB_2026),
];

// Only the holidays whose calendar date never changes. Keppres 8 Tahun 2024 tentang Hari-Hari Libur
// (Diktum KESATU) names them; each year's SKB still lists them, so these entries stand until the 2027 SKB
// is entered and should then be replaced by it.
const FIXED = 'Tanggal tetap setiap tahun menurut Keppres 8 Tahun 2024 tentang Hari-Hari Libur, Diktum KESATU';
const UNCONFIRMED = 'belum dari SKB 3 Menteri 2027';
const Y2027: Holiday[] = [
  national('2027-01-01', 'Tahun Baru 2027 Masehi', `${FIXED} angka 1 (1 Januari); ${UNCONFIRMED}`),
  national('2027-05-01', 'Hari Buruh Internasional', `${FIXED} angka 16 (1 Mei); ${UNCONFIRMED}`),
  national('2027-06-01', 'Hari Lahir Pancasila', `${FIXED} angka 15 (1 Juni); ${UNCONFIRMED}`),
  national('2027-08-17', 'Proklamasi Kemerdekaan Republik Indonesia', `${FIXED} angka 14 (17 Agustus); ${UNCONFIRMED}`),
  national('2027-12-25', 'Kelahiran Yesus Kristus', `${FIXED} angka 7 (Kelahiran Yesus Kristus, diperingati 25 Desember); ${UNCONFIRMED}`),
];

export interface PendingDecree {
  year: number;
  note: string;
}

/** Years whose holiday table is incomplete until an administrator enters the decree. */
export const PENDING_DECREES: readonly PendingDecree[] = Object.freeze([
  Object.freeze({
    year: 2027,
    note: 'SKB 3 Menteri 2027 not yet entered: lunar and religious holidays and cuti bersama must be added by an administrator (PUT /api/v1/calendar/holidays)',
  }),
]);

const BY_YEAR: ReadonlyMap<number, readonly Holiday[]> = new Map([
  [2026, Y2026],
  [2027, Y2027],
].map(([year, list]) => [year as number, Object.freeze((list as Holiday[]).map((h) => Object.freeze(h)))]));

/** Every national holiday and cuti bersama of every year entered, sorted by date. */
export const NATIONAL_HOLIDAYS: readonly Holiday[] = Object.freeze([...BY_YEAR.values()].flat().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));

/** The holidays (national and cuti bersama) of one year, sorted by date; [] for a year not entered. */
export function holidaysOfYear(year: number): Holiday[] {
  return [...(BY_YEAR.get(year) ?? [])];
}

/**
 * Whether a year's table is usable: 'complete' (its SKB is entered), 'pending' (only fixed dates;
 * see PENDING_DECREES) or 'missing' (nothing entered: every weekday counts as a working day).
 */
export function holidayYearStatus(year: number): 'complete' | 'pending' | 'missing' {
  if (PENDING_DECREES.some((p) => p.year === year)) return 'pending';
  return BY_YEAR.has(year) ? 'complete' : 'missing';
}
