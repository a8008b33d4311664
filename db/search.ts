// The list filter "text" over cases. sigap_case.search_vector is a stored generated column with a
// GIN index: to_tsvector('simple', number and title with every run of non-alphanumerics turned
// into a space). 'simple' lowercases but does not stem, which suits mixed Indonesian/English titles
// and case numbers. The typed text is split into words the same way; every word must match, each
// as a prefix: "lapt rusak" finds "Laptop rusak di ruang rapat"; "REQ-2026-000001", "000001" or
// "req-2026" find that case; "e-mail" finds "E-mail".
import { raw, type ObjectQuery } from '@mikro-orm/postgresql';
import type { CaseRecord } from './entities/index.ts';

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 64;

/** A prefix tsquery (word:* & word:*) from free text, or null when it holds no word. */
export function toPrefixTsQuery(text: string): string | null {
  // Letters and digits only: nothing left can be tsquery syntax.
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH).toLowerCase());
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** A condition to put in a CaseRecord filter; matches everything when the text holds no word. */
export function caseTextFilter(text: string): ObjectQuery<CaseRecord> {
  const query = toPrefixTsQuery(text);
  if (query === null) return {};
  return { [raw((alias: string) => `${alias}.search_vector @@ to_tsquery('simple', ?)`, [query])]: [] };
}
