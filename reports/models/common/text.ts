// Small formatting helpers shared by the report models: every value a template prints is a LocalText
// (Bahasa Indonesia first, English second), so the template picks by language with `t`.
import type { Profile } from '../../../policy/profile.ts';
import type { LocalText } from '../../types.ts';

export const both = (s: string): LocalText => ({ id: s, en: s });

/** A field the records leave empty: said so, never printed as a blank. */
export const NOT_SET: LocalText = { id: 'Belum ditetapkan', en: 'Not set' };
export const NONE: LocalText = { id: '–', en: '–' };

export const textOr = (s: string | null | undefined, fallback: LocalText = NOT_SET): LocalText =>
  s === null || s === undefined || s.trim() === '' ? fallback : both(s);

export const yesNo = (v: boolean | null): LocalText =>
  v === null ? NONE : v ? { id: 'Ya', en: 'Yes' } : { id: 'Tidak', en: 'No' };

export const metText = (v: boolean | null): LocalText =>
  v === null ? NONE : v ? { id: 'Terpenuhi', en: 'Met' } : { id: 'Tidak terpenuhi', en: 'Not met' };

/** The title of a profile role, or the id when the profile lacks it. */
export function roleTitle(profile: Profile, role: string | null): LocalText {
  if (role === null) return NOT_SET;
  return profile.roles.find((r) => r.id === role)?.title ?? both(role);
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

function number(n: number, lang: 'id' | 'en'): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
  return lang === 'id' ? s.replace('.', ',') : s;
}

/** A duration as people write it: "3 jam", "14 hari", "1 hari kerja" / "3 hours", "14 days", "1 working day". */
export function durationText(ms: number, basis: 'calendar' | 'working'): LocalText {
  const working = basis === 'working';
  const unit = ms % DAY === 0 && !working ? { n: ms / DAY, id: 'hari', en: 'day' }
    : ms >= HOUR || ms % HOUR === 0 ? { n: ms / HOUR, id: 'jam', en: 'hour' }
      : { n: ms / 60_000, id: 'menit', en: 'minute' };
  const plural = unit.n === 1 ? '' : 's';
  return {
    id: `${number(unit.n, 'id')} ${unit.id}${working ? ' kerja' : ''}`,
    en: `${number(unit.n, 'en')} ${working ? 'working ' : ''}${unit.en}${plural}`,
  };
}

/** The regulation's own wording when the profile carries it ("< 15 menit"), else the duration. */
export function statedDuration(d: { ms: number; basis: 'calendar' | 'working'; stated?: string | undefined }): LocalText {
  if (!d.stated) return durationText(d.ms, d.basis);
  const en = d.stated.replace(/(\d),(\d)/g, '$1.$2').replace(/<\s*/g, '< ')
    .replace(/\bhari kerja\b/g, 'working days').replace(/\bjam kerja\b/g, 'working hours')
    .replace(/\bmenit\b/g, 'minutes').replace(/\bjam\b/g, 'hours').replace(/\bhari\b/g, 'days');
  return { id: d.stated, en };
}

/** Basis points as a percent with two decimals: 9950 → "99,50 %" / "99.50 %". */
export function bpText(bp: number | null): LocalText {
  if (bp === null) return NONE;
  const s = (bp / 100).toFixed(2);
  return { id: `${s.replace('.', ',')} %`, en: `${s} %` };
}

/** A mean rating in thousandths (4250 → "4,25 / 5"). */
export function ratingText(meanMilli: number | null, max = 5): LocalText {
  if (meanMilli === null) return NONE;
  const s = (meanMilli / 1000).toFixed(2);
  return { id: `${s.replace('.', ',')} / ${max}`, en: `${s} / ${max}` };
}

export const iso = (v: Date | string | null | undefined): string | null =>
  v === null || v === undefined ? null : new Date(v).toISOString();

/** File-name-safe ASCII. */
export const fileSafe = (s: string) => s.normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
