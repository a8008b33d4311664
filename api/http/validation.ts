// Schema validation of requests with zod 4, with field messages in Bahasa Indonesia (default) or English.
// Messages come from our catalogue for the common issues and fall back to zod's own locale
// (`z.locales.id` / `z.locales.en`) for the rest. The maps are passed per parse, so the process-wide zod
// configuration (used e.g. by config/index.ts) is left untouched.
import { z } from 'zod';
import { isMessageKey, translate, type Lang, type MessageKey, type MessageParams } from './messages.ts';
import { validationFailed, type FieldError, type ProblemError } from './problem.ts';

type RawIssue = z.core.$ZodRawIssue;
type ErrorMap = z.core.$ZodErrorMap;

const zodLocales: Record<Lang, (issue: RawIssue) => string | { message: string } | undefined | null> = {
  id: z.locales.id().localeError,
  en: z.locales.en().localeError,
};

const TYPE_KEYS: Record<string, MessageKey> = {
  string: 'type_string',
  number: 'type_number',
  int: 'type_int',
  bigint: 'type_int',
  boolean: 'type_boolean',
  object: 'type_object',
  record: 'type_object',
  array: 'type_array',
  tuple: 'type_array',
  set: 'type_array',
  date: 'type_date',
  null: 'type_null',
};

function typeName(expected: string, lang: Lang): string {
  const key = TYPE_KEYS[expected];
  return key ? translate(key, lang) : translate('type_other', lang, { type: expected });
}

function bound(value: number | bigint, origin: string): string {
  if (origin === 'date' && typeof value === 'number') return new Date(value).toISOString();
  return value.toString();
}

/** Catalogue key and params for a raw zod issue, or undefined when zod's own locale should speak. */
function describe(issue: RawIssue, lang: Lang): { key: MessageKey; params?: MessageParams } | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { key: 'field_required' };
      return { key: 'field_invalid_type', params: { expected: typeName(String(issue.expected), lang) } };
    case 'too_small': {
      const origin = String(issue.origin);
      const minimum = bound(issue.minimum, origin);
      if (origin === 'string') {
        if (issue.exact) return { key: 'field_string_length', params: { length: minimum } };
        return Number(issue.minimum) === 1 ? { key: 'field_not_empty' } : { key: 'field_string_min', params: { minimum } };
      }
      if (origin === 'array' || origin === 'set') {
        return Number(issue.minimum) === 1 ? { key: 'field_not_empty' } : { key: 'field_array_min', params: { minimum } };
      }
      if (origin === 'date') return { key: 'field_date_min', params: { minimum } };
      if (origin === 'number' || origin === 'int' || origin === 'bigint') {
        return { key: issue.inclusive === false ? 'field_number_gt' : 'field_number_min', params: { minimum } };
      }
      return undefined;
    }
    case 'too_big': {
      const origin = String(issue.origin);
      const maximum = bound(issue.maximum, origin);
      if (origin === 'string') {
        return issue.exact ? { key: 'field_string_length', params: { length: maximum } } : { key: 'field_string_max', params: { maximum } };
      }
      if (origin === 'array' || origin === 'set') return { key: 'field_array_max', params: { maximum } };
      if (origin === 'date') return { key: 'field_date_max', params: { maximum } };
      if (origin === 'number' || origin === 'int' || origin === 'bigint') {
        return { key: issue.inclusive === false ? 'field_number_lt' : 'field_number_max', params: { maximum } };
      }
      return undefined;
    }
    case 'invalid_format': {
      const format = String(issue.format);
      switch (format) {
        case 'email': return { key: 'field_format_email' };
        case 'url': return { key: 'field_format_url' };
        case 'uuid': case 'uuidv4': case 'uuidv6': case 'uuidv7': case 'guid': return { key: 'field_format_uuid' };
        case 'datetime': return { key: 'field_format_datetime' };
        case 'date': return { key: 'field_format_date' };
        case 'time': return { key: 'field_format_time' };
        case 'regex': return { key: 'field_format_regex' };
        case 'starts_with': return { key: 'field_format_starts_with', params: { prefix: String(issue.prefix) } };
        case 'ends_with': return { key: 'field_format_ends_with', params: { suffix: String(issue.suffix) } };
        case 'includes': return { key: 'field_format_includes', params: { includes: String(issue.includes) } };
        default: return { key: 'field_format_other', params: { format } };
      }
    }
    case 'not_multiple_of':
      return { key: 'field_multiple_of', params: { divisor: String(issue.divisor) } };
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
      return values.length === 1
        ? { key: 'field_invalid_literal', params: { value: values[0] } }
        : { key: 'field_invalid_value', params: { values: values.join(', ') } };
    }
    case 'unrecognized_keys':
      return { key: 'field_unrecognized_keys', params: { keys: issue.keys.join(', ') } };
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0) {
        return { key: 'field_invalid_value', params: { values: options.map(String).join(', ') } };
      }
      return { key: 'field_invalid_union' };
    }
    case 'invalid_key':
      return { key: 'field_invalid_key' };
    case 'invalid_element':
      return { key: 'field_invalid_element' };
    default:
      return undefined;
  }
}

/** A zod error map (for `schema.safeParse(data, { error })`) speaking the given language. */
export function zodErrorMap(lang: Lang): ErrorMap {
  return (issue) => {
    const d = describe(issue, lang);
    if (d) return translate(d.key, lang, d.params);
    const fallback = zodLocales[lang](issue);
    return fallback ?? translate('field_invalid', lang);
  };
}

/** Dotted path with a location prefix: ('body', ['items', 0, 'code']) → 'body.items.0.code'. */
export function joinPath(location: string | undefined, path: readonly PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === 'symbol' ? p.description ?? '' : String(p)));
  return [location, ...parts].filter((p) => p !== undefined && p !== '').join('.');
}

/**
 * Field errors from zod issues. A custom message that is a catalogue key (e.g. `z.number().max(5,
 * { error: 'rating_out_of_range' })`) is translated; other messages are taken as they are.
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], location: string | undefined, lang: Lang): FieldError[] {
  return issues.map((issue) => {
    const custom = issue.code === 'custom' ? (issue.params as MessageParams | undefined) : undefined;
    const message = isMessageKey(issue.message) ? translate(issue.message, lang, custom ?? {}) : issue.message;
    return {
      ...(location ? { in: location } : {}),
      path: joinPath(location, issue.path) || (location ?? ''),
      message,
      code: issue.code,
    };
  });
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates a value with localized messages. */
export async function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: string | undefined,
  lang: Lang,
): Promise<ValidationResult<z.output<S>>> {
  const result = await schema.safeParseAsync(value, { error: zodErrorMap(lang) });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues, location, lang) };
}

/** Validates or throws 400 validation_failed. */
export async function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, location: string | undefined, lang: Lang): Promise<z.output<S>> {
  const r = await validate(schema, value, location, lang);
  if (!r.ok) throw validationProblem(r.errors);
  return r.value;
}

export function validationProblem(errors: FieldError[]): ProblemError {
  return validationFailed(errors);
}
