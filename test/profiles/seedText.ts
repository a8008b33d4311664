// Reads the seed texts (tests may do I/O) and checks that a source's section can be found in them.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/** Lower case, markup stripped (OCR italics `*…*`, `<i>`, list tags), whitespace collapsed. */
export function normalise(s: string): string {
  return s
    .replace(/<\/?[a-z]+(\s[^>]*)?>/gi, ' ')
    .replace(/[*\\#]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const cache = new Map<string, string>();
export function seedText(file: string): string | null {
  if (!cache.has(file)) {
    const path = SEEDS_DIR + file;
    cache.set(file, existsSync(path) ? normalise(readFileSync(path, 'utf8')) : '');
  }
  return cache.get(file) || null;
}

/** The seed's own words quoted in a section: «…». */
export function quotes(section: string): string[] {
  return [...section.matchAll(/«([^»]+)»/g)].map((m) => m[1]!);
}

/** Key locator tokens that appear verbatim in the seeds: "Tabel 4.2", "Pasal 16", "Formulir B". */
export function keyTokens(section: string): string[] {
  const outside = section.replace(/«[^»]*»/g, ' ');
  return [...outside.matchAll(/\b(Tabel \d+(?:\.\d+)?|Pasal \d+|Formulir [A-I])\b/g)].map((m) => m[1]!);
}

/** Problems with one seed source; empty when the section can be found in the seed. */
export function sectionProblems(seed: string, section: string): string[] {
  const text = seedText(seed);
  if (text === null) return [`seed file ${seed} not found in ${SEEDS_DIR}`];
  const qs = quotes(section);
  const tokens = keyTokens(section);
  if (qs.length === 0 && tokens.length === 0) return [`section "${section}" has neither a «quote» nor a key token (Tabel n, Pasal n, Formulir X)`];
  const problems: string[] = [];
  for (const q of qs) if (!text.includes(normalise(q))) problems.push(`quote «${q}» not in ${seed}`);
  for (const t of tokens) if (!text.includes(normalise(t))) problems.push(`token "${t}" not in ${seed}`);
  return problems;
}
