// The console speaks Bahasa Indonesia by default; `?lang=en` (remembered in a cookie) switches to English.
// UI texts live in per-area dictionaries under web/texts/ (each key with `id` and `en`), merged here.
import type { Request } from 'express';
import type { Lang, LocalText } from '../api/http/messages.ts';
import { commonTexts } from './texts/common.ts';

export const LANG_COOKIE = 'sigap_lang';

const dictionary = new Map<string, LocalText>();

/** Adds an area's texts; a key defined twice is a programming error. */
export function registerTexts(texts: Record<string, LocalText>): void {
  for (const [key, value] of Object.entries(texts)) {
    if (dictionary.has(key) && dictionary.get(key) !== value) throw new Error(`Console text ${key} is defined twice`);
    dictionary.set(key, value);
  }
}
registerTexts(commonTexts);

/** The text of `key` in `lang` with {param} placeholders filled; an unknown key shows itself (visible in tests). */
export function t(key: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const entry = dictionary.get(key);
  const template = entry ? entry[lang] : key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined || params[name] === null ? m : String(params[name])));
}

export function hasText(key: string): boolean {
  return dictionary.has(key);
}

/** The viewer's language: an explicit `?lang=` first, then the cookie, else Bahasa Indonesia. */
export function consoleLang(req: Request): Lang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked === 'id' || asked === 'en') return asked;
  const cookie = /(?:^|;\s*)sigap_lang=(id|en)(?:;|$)/.exec(req.get('cookie') ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'id';
}

/** A LocalText (profile titles, catalogue names) in the viewer's language. */
export function local(text: LocalText | string | null | undefined, lang: Lang): string {
  if (text === null || text === undefined) return '';
  return typeof text === 'string' ? text : text[lang];
}
