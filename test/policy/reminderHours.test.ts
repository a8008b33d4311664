// When reminders go out (policy/reminderHours.ts): inside working hours at once, outside them at the
// start of the next working stretch; breaches, escalations and urgent cases never wait; deferred
// reminders overtaken by a later notice fold into it.
import fc from 'fast-check';
import { isWorkingInstant, makeCalendar, nextWorkingInstant } from '../../policy/calendar.ts';
import {
  isUrgentPriority, nextSendAt, noticeTimings, noticesDue, reminderSendAt, waitsForWorkingTime, withinWorkingHours, type PendingNotice,
} from '../../policy/reminderHours.ts';
import type { Threshold } from '../../policy/sla.ts';
import { HOUR, MINUTE, at, calendarArb, instantArb, local } from '../calendar/support.ts';

const cal = makeCalendar(); // ASN week 07:30–16:00 (Friday to 16:30), national holidays, WIB

const warning = (p: number, atMs = p * MINUTE): Threshold => ({ id: `warning-${p}`, kind: 'warning', atMs });
const breach: Threshold = { id: 'breach', kind: 'breach', atMs: 1000 * MINUTE };
const ladder: Threshold = { id: 'ladder-2', kind: 'escalation', atMs: 500 * MINUTE };
const pending = (...xs: Array<[Threshold, string]>): PendingNotice[] => xs.map(([threshold, when]) => ({ threshold, dueAt: at(when) }));

describe('reminderSendAt', () => {
  test('inside working time a reminder goes out at its instant', () => {
    expect(reminderSendAt(cal, at('2026-11-24T10:15'))).toBe(at('2026-11-24T10:15')); // Tuesday
    expect(reminderSendAt(cal, at('2026-11-27T16:20'))).toBe(at('2026-11-27T16:20')); // Friday runs to 16:30
  });

  test('the instant a stretch closes still belongs to it (working-time targets end there)', () => {
    expect(withinWorkingHours(cal, at('2026-11-24T16:00'))).toBe(true);
    expect(withinWorkingHours(cal, at('2026-11-24T12:00'))).toBe(true);
    expect(reminderSendAt(cal, at('2026-11-24T16:00'))).toBe(at('2026-11-24T16:00'));
    expect(reminderSendAt(cal, at('2026-11-24T16:00:00.001'))).toBe(at('2026-11-25T07:30'));
  });

  test('Saturday 02:00 waits for Monday 07:30; a lunch break waits for 13:00; a night for the morning', () => {
    expect(local(reminderSendAt(cal, at('2026-11-28T02:00')))).toBe('2026-11-30T07:30:00.000');
    expect(local(reminderSendAt(cal, at('2026-11-24T12:30')))).toBe('2026-11-24T13:00:00.000');
    expect(local(reminderSendAt(cal, at('2026-11-24T22:00')))).toBe('2026-11-25T07:30:00.000');
  });

  test('holidays are skipped: Thursday night before Christmas waits until Monday 28 December', () => {
    // 2026-12-24 cuti bersama, 2026-12-25 Kelahiran Yesus Kristus (SKB 3 Menteri 2026).
    expect(local(reminderSendAt(cal, at('2026-12-23T20:00')))).toBe('2026-12-28T07:30:00.000');
  });

  test('property: never earlier, always inside working hours, unchanged inside them, nothing working skipped', () => {
    fc.assert(fc.property(calendarArb, instantArb, (c, t) => {
      const sent = reminderSendAt(c, t);
      expect(sent).toBeGreaterThanOrEqual(t);
      expect(withinWorkingHours(c, sent)).toBe(true);
      if (isWorkingInstant(c, t)) expect(sent).toBe(t);
      // The first working instant at or after t (or t itself at a closing instant): no working time in between.
      if (sent > t) expect(sent).toBe(nextWorkingInstant(c, t));
    }), { numRuns: 400 });
  });
});

describe('which notices wait', () => {
  test('only reminders of cases that are not urgent', () => {
    expect(waitsForWorkingTime('warning', false)).toBe(true);
    expect(waitsForWorkingTime('warning', true)).toBe(false);
    expect(waitsForWorkingTime('breach', false)).toBe(false);
    expect(waitsForWorkingTime('escalation', false)).toBe(false);
  });

  test('P1 and P2 are urgent, P3 and lower and no priority are not', () => {
    expect(['P1', 'P2', 'P3', 'P6', null, undefined].map(isUrgentPriority)).toEqual([true, true, false, false, false, false]);
  });

  test('a breach on Saturday night goes out then; its reminder on Friday night waits and an urgent case waits for nothing', () => {
    const list = pending([warning(900), '2026-11-27T21:00'], [breach, '2026-11-28T23:00']);
    expect(noticeTimings(cal, list, false).map((t) => local(t.sendAt))).toEqual(['2026-11-30T07:30:00.000', '2026-11-28T23:00:00.000']);
    expect(noticeTimings(cal, list, true).map((t) => t.sendAt)).toEqual(list.map((p) => p.dueAt));
    expect(local(nextSendAt(noticeTimings(cal, list, false))!)).toBe('2026-11-28T23:00:00.000');
    expect(nextSendAt([])).toBeNull();
  });
});

describe('noticesDue: folding', () => {
  test('reminders shifted onto the same Monday morning: only the latest is sent, the earlier ones fold into it', () => {
    const timings = noticeTimings(cal, pending(
      [warning(500), '2026-11-28T02:00'], [warning(750), '2026-11-28T20:00'], [warning(900), '2026-11-29T18:00'], [breach, '2026-11-30T09:00'],
    ), false);
    expect(noticesDue(timings, at('2026-11-30T07:29'))).toEqual([]);
    const steps = noticesDue(timings, at('2026-11-30T07:30'));
    expect(steps.map((s) => [s.threshold.id, s.action, 'into' in s ? s.into : null])).toEqual([
      ['warning-500', 'fold', 'warning-900'], ['warning-750', 'fold', 'warning-900'], ['warning-900', 'send', null],
    ]);
  });

  test('a deferred reminder overtaken by the breach or a ladder step folds into it and is never sent after it', () => {
    const timings = noticeTimings(cal, pending([warning(500), '2026-11-27T20:00'], [ladder, '2026-11-27T20:00'], [breach, '2026-11-28T08:00']), false);
    expect(noticesDue(timings, at('2026-11-27T20:00')).map((s) => [s.threshold.id, s.action])).toEqual([['warning-500', 'fold'], ['ladder-2', 'send']]);
  });

  test('inside working hours nothing folds: a late wake-up still sends each notice once, in order', () => {
    const timings = noticeTimings(cal, pending([warning(500), '2026-11-24T09:00'], [warning(750), '2026-11-24T10:00'], [breach, '2026-11-24T11:00']), false);
    expect(noticesDue(timings, at('2026-11-24T11:00')).map((s) => s.action)).toEqual(['send', 'send', 'send']);
  });

  test('an urgent case folds nothing, day or night', () => {
    const timings = noticeTimings(cal, pending([warning(500), '2026-11-28T02:00'], [warning(750), '2026-11-28T03:00']), true);
    expect(noticesDue(timings, at('2026-11-28T02:00')).map((s) => [s.threshold.id, s.action])).toEqual([['warning-500', 'send']]);
  });

  test('property: each due notice once, in threshold order; only deferred reminders fold, into the last notice sent now', () => {
    const kinds = fc.array(fc.constantFrom<Threshold['kind']>('warning', 'warning', 'escalation'), { minLength: 1, maxLength: 5 });
    fc.assert(fc.property(calendarArb, instantArb, kinds, fc.array(fc.integer({ min: 0, max: 40 * HOUR }), { minLength: 5, maxLength: 5 }), fc.boolean(), fc.integer({ min: 0, max: 100 * HOUR }),
      (c, start, ks, gaps, urgent, later) => {
        let t = start;
        const list: PendingNotice[] = [...ks, 'breach' as const].map((kind, i) => {
          t += gaps[i % gaps.length]!;
          return { threshold: { id: `t${i}`, kind, atMs: t - start }, dueAt: t };
        });
        const timings = noticeTimings(c, list, urgent);
        const now = start + later;
        const steps = noticesDue(timings, now);
        const order = steps.map((s) => Number(s.threshold.id.slice(1)));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        const sent = steps.filter((s) => s.action === 'send');
        for (const s of sent) expect(s.sendAt).toBeLessThanOrEqual(now);
        for (const s of steps) {
          if (s.action !== 'fold') continue;
          expect(s.threshold.kind).toBe('warning');
          expect(s.sendAt).toBeGreaterThan(s.dueAt);
          expect(s.into).toBe(sent.at(-1)!.threshold.id);
        }
        // Whatever is due by now and not handled stays pending only if it was deferred past now.
        for (const tm of timings) if (tm.sendAt <= now) expect(steps.some((s) => s.threshold.id === tm.threshold.id)).toBe(true);
      }), { numRuns: 300 });
  });
});
