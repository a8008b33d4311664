// Sigap defaults: what a profile inherits where its regulation sets no number. Each default says
// why, as a `sigapDefault` source, so no default is ever presented as a regulation's own value.
// Most defaults are taken from serang (Perbup Serang 49/2024, seed 001), the most detailed of the
// five regulations, and say so.
import { DEFAULT_WORKING_WEEK } from '../calendar.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;
/**
 * One working day in working-time milliseconds: 7.5 h, the length of every day of the default
 * working week (37.5 h over 5 days). A duration stated in "hari kerja" is stored as this many
 * working milliseconds per day; the SLA engine then counts them on the tenant's calendar.
 */
export const WORKING_DAY = 7.5 * HOUR;

/** Helpers so profiles read like the seed: `at('Tabel 4.2 «…»')`. */
export function seedSource(seed: string) {
  return (section: string) => ({ seed, section });
}

export const sigap = (why: string) => ({ sigapDefault: why });

/**
 * The working week when a seed names no hours: the calendar engine's default (policy/calendar.ts),
 * Mon–Thu 07:30–16:00 (break 12:00–13:00), Fri 07:30–16:30 (break 11:30–13:00), Sat–Sun off.
 */
export { DEFAULT_WORKING_WEEK };

/**
 * The calendar section for a seed that states neither time zone nor working hours.
 * `where`: where the agency sits (for the time zone); `why`: what the seed does say about hours.
 */
export function defaultCalendar(where: string, why: string) {
  return {
    timezone: { value: 'Asia/Jakarta' as const, source: sigap(`the seed names no time zone; ${where} lies in WIB (Asia/Jakarta)`) },
    week: {
      value: DEFAULT_WORKING_WEEK,
      source: sigap(`${why} Sigap default working week: Mon–Thu 07:30–16:00 (break 12:00–13:00), Fri 07:30–16:30 (break 11:30–13:00); the tenant administrator confirms the agency's hours`),
    },
  };
}

/** SLA warnings at 50 %, 75 % and 90 % of a target. */
export const DEFAULT_SLA = {
  warningPermille: {
    value: [500, 750, 900],
    source: sigap('no regulation sets warning thresholds; Sigap warns at 50 %, 75 % and 90 % of a target'),
  },
};

export const DEFAULT_SATISFACTION_SOURCE = (why: string) => sigap(`${why}; Sigap uses the serang scale 1 (Tidak Puas) – 5 (Memuaskan) (seed 001 B.2.6)`);

/** Fulfilment target of a catalogue item when the regulation sets none: 14 calendar days. */
export const DEFAULT_FULFILMENT_TARGET = (why: string) => ({
  ms: 14 * DAY,
  basis: 'calendar' as const,
  source: sigap(`${why}; Sigap default 14 calendar days, the longest serang Tabel 4.2 target — the tenant sets each item's real target`),
});

/** Frequencies serang sets and others do not. */
export const DEFAULT_PROBLEM_REVIEW = (why: string) => ({
  atLeast: 2, perMonths: 12, source: sigap(`${why}; Sigap default: at least twice a year, as serang B.3.5 ("sedikitnya dua kali dalam setahun")`),
});
export const DEFAULT_DRP_TEST = (why: string) => ({
  atLeast: 1, perMonths: 12, source: sigap(`${why}; Sigap default: at least once a year, as serang C.3.5 ("minimal satu kali setahun")`),
});
export const DEFAULT_EVALUATION_CADENCE = (why: string) => ({
  atLeast: 1, perMonths: 6, source: sigap(`${why}; Sigap default: at least every semester, as serang E.1.3 ("sedikitnya setiap semester")`),
});

/** Retrospective approval of an emergency change when the regulation sets no deadline: 1 working day. */
export const DEFAULT_RETROSPECTIVE_APPROVAL = (why: string) => ({
  ms: WORKING_DAY,
  basis: 'working' as const,
  stated: '1 hari kerja',
  source: sigap(`${why}; Sigap default: within 1 working day (7.5 working hours) after execution — the shortest follow-up time any of the five regulations sets (setwapres J.2, "maksimal 1 hari kerja")`),
});

/** Recurring incidents in a problem review: no regulation gives a count. */
export const DEFAULT_RECURRENCE_THRESHOLD = {
  value: 3,
  source: sigap('serang B.3.5 a («sering terjadi berulang kali») and kemenkeu F.3.b.1 («terjadi secara berulang») name recurring incidents without a count; Sigap treats three or more incidents of one pattern in a review period as recurring'),
};

/** Decision on a normal change when the regulation sets no deadline: 3 working days. */
export const DEFAULT_CHANGE_DECISION = (why: string) => ({
  ms: 3 * WORKING_DAY,
  basis: 'working' as const,
  stated: '3 hari kerja',
  source: sigap(`${why}; Sigap default: the approver decides within 3 working days of the request (reminders at the SLA warning shares, escalation at the deadline) — the target serang Tabel 4.2 sets for routine network and office-device requests («< 3 hari»), so approving a change never waits longer than a routine request`),
});

/** Progress updates during a disaster when the regulation sets no interval: every 4 hours. */
export const DEFAULT_DISASTER_PROGRESS = (why: string) => ({
  ms: 4 * HOUR,
  basis: 'calendar' as const,
  stated: 'setiap 4 jam',
  source: sigap(`${why}; Sigap default: the recovery coordinator is reminded 4 calendar hours after the last progress update, day and night, for as long as the disaster lasts — twice within the shortest response target of a P1-P2 outage day (serang Tabel 4.4: P1 resolution < 12 jam), so the parties concerned never wait half a shift for news`),
});

/** Decision on a submitted DRP version when the regulation sets no deadline: 5 working days. */
export const DEFAULT_DRP_APPROVAL = (why: string) => ({
  ms: 5 * WORKING_DAY,
  basis: 'working' as const,
  stated: '5 hari kerja',
  source: sigap(`${why}; Sigap default: the approver decides on a DRP version within 5 working days (reminders at the SLA warning shares, escalation at the deadline) — one working week, as a DRP is a document to read, not a routine request`),
});

/** Preparing and acknowledging a monthly availability report when the regulation sets no deadline: 10 working days. */
export const DEFAULT_AVAILABILITY_ACK = (why: string) => ({
  ms: 10 * WORKING_DAY,
  basis: 'working' as const,
  stated: '10 hari kerja',
  source: sigap(`${why}; Sigap default: the month's report is prepared and acknowledged within 10 working days after the month ends (reminders at the SLA warning shares, escalation at the deadline), so each report is done before the next month is half over`),
});

/**
 * Chapter analyses of the semester evaluation when the regulation sets no deadline: 10 working days
 * after the evaluation opens (the Schedule opens it on the first day of the next semester).
 */
export const DEFAULT_EVALUATION_ANALYSIS = (why: string) => ({
  ms: 10 * WORKING_DAY,
  basis: 'working' as const,
  stated: '10 hari kerja',
  source: sigap(`${why}; Sigap default: each chapter's analysis of obstacles and follow-up actions is due 10 working days after the evaluation opens (reminders at the SLA warning shares, escalation to the approver at the deadline)`),
});

/** Who writes a chapter's analysis where the regulation names no one: the role that runs the chapter's process. */
export const DEFAULT_CHAPTER_ANALYST = (role: string, why: string) => ({
  role, source: sigap(`${why}; Sigap default: the chapter's analysis is written by the role that runs its process`),
});

/** Who approves the evaluation report where the regulation names no one: the head of the IT unit. */
export const DEFAULT_EVALUATION_APPROVER = (why: string) => ({
  role: 'head_of_unit', source: sigap(`${why}; Sigap default: the head of the IT unit approves and publishes the evaluation report, as the head of the unit answers for the service management framework`),
});

type ChapterSpec = { id: string; title: { id: string; en: string }; measures: Array<'requests' | 'incidents' | 'availability' | 'recovery' | 'releases' | 'changes' | 'problems' | 'maintenance' | 'satisfaction' | 'follow_ups'>; role: string };

/**
 * The chapters where a regulation evaluates without naming any: the chapters serang BAB IV E.2.2
 * sets (Permen-level structure of the Laporan Evaluasi), restricted to the processes the profile has.
 */
export const DEFAULT_EVALUATION_CHAPTERS = (why: string, chapters: ChapterSpec[]) => chapters.map((c) => ({
  id: c.id, title: c.title, measures: c.measures,
  source: sigap(`${why}; Sigap default: the chapter structure of serang BAB IV E.2.2 («Laporan Evaluasi tersusun atas …»)`),
  analysedBy: DEFAULT_CHAPTER_ANALYST(c.role, why),
}));
