// Every regulated value of a profile with its source, for the conformance suite to print.
// A value is regulated when it carries a source (see the conventions in profile.ts):
// - an object with a `source` key: the value is the object without its source keys; an object that
//   is only `{ value, source }` yields the bare value, a duration yields `{ ms, basis, stated }`;
// - a sibling key `<stem>Source`: the value is the sibling whose key starts with `<stem>`
//   (`triggerSource` → `trigger`).
// Pure: no I/O, safe inside workflows.
import type { Profile, Source } from './profile.ts';

export interface RegulatedValue {
  /** Dotted path into the profile, as in schema errors: "incident.priorities.0.response". */
  path: string;
  /** The same path with ids or levels for array items where they exist: "incident.priorities[P1].response". */
  label: string;
  value: unknown;
  source: Source;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isSource(v: unknown): v is Source {
  if (!isObject(v)) return false;
  const keys = Object.keys(v).sort().join(',');
  if (keys === 'section,seed') return typeof v.seed === 'string' && typeof v.section === 'string';
  if (keys === 'sigapDefault') return typeof v.sigapDefault === 'string';
  return false;
}

function valueOf(node: Obj): unknown {
  const rest = Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'source' || (k.endsWith('Source') && isSource(v)))));
  const keys = Object.keys(rest);
  return keys.length === 1 && keys[0] === 'value' ? rest.value : rest;
}

function itemLabel(item: unknown, index: number): string {
  if (isObject(item)) {
    for (const k of ['id', 'code', 'level', 'step', 'urgency'] as const) {
      const v = item[k];
      if (typeof v === 'string' || typeof v === 'number') return `[${v}]`;
    }
    if (typeof item.impact === 'string' && typeof item.serviceType === 'string' && typeof item.classification === 'string') {
      return `[${item.impact}/${item.serviceType}/${item.classification}]`;
    }
  }
  return `[${index}]`;
}

/** Walks a profile and returns every sourced value with its dotted path, in document order. */
export function listRegulatedNumbers(profile: Profile): RegulatedValue[] {
  const out: RegulatedValue[] = [];
  const join = (path: string[]) => path.join('.');
  const visit = (node: unknown, path: string[], label: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)], label + itemLabel(item, i)));
      return;
    }
    if (!isObject(node)) return;
    if (isSource(node.source)) out.push({ path: join(path), label, value: valueOf(node), source: node.source });
    const entries = Object.entries(node);
    for (const [key, value] of entries) {
      if (key === 'source' && isSource(value)) continue;
      if (key.endsWith('Source') && isSource(value)) {
        const stem = key.slice(0, -'Source'.length);
        const siblings = entries.filter(([k, v]) => k !== key && k.startsWith(stem) && !(k.endsWith('Source') && isSource(v)));
        const name = siblings.length === 1 ? siblings[0]![0] : stem;
        const sibValue = siblings.length === 1 ? siblings[0]![1] : Object.fromEntries(siblings);
        out.push({ path: join([...path, name]), label: `${label ? `${label}.` : ''}${name}`, value: sibValue, source: value });
        continue;
      }
      visit(value, [...path, key], `${label ? `${label}.` : ''}${key}`);
    }
  };
  visit(profile, [], '');
  return out;
}
