// fast-check arbitraries from the JSON Schemas (2020-12) of the served OpenAPI document: values shaped like the
// schema (valid-ish: formats, patterns, enums and bounds honoured where fast-check can), and mutations of them
// (a required field dropped, a field of the wrong type, an unknown field, a huge string, another JSON value).
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;

/** Strings that have broken parsers, encoders and SQL before. */
export const ODD_STRINGS = [
  '', ' ', '\u0000', 'null', 'undefined', '0', '-1', '1e309', 'NaN', "' or 1=1 --", '"; drop table sigap_case; --', '%', '%00', '%E0%A4%A',
  '../../etc/passwd', '..', '{{constructor}}', '{{#each this}}{{/each}}', '__proto__', 'constructor', '\u202e\u0645', '😀'.repeat(40), 'a'.repeat(5000),
  '\ud800', '2026-02-30T25:61:00Z', '0000-00-00', '9999-12-31T23:59:59.999Z', '-000001-01-01T00:00:00Z', 'REQ-0000-000000',
];

export const oddString = fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 20 }));

const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (s.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = Math.max(minLength, Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, 40));
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= minLength && v.length <= (Number(s.maxLength) || Infinity));
    } catch { /* a pattern fast-check cannot generate from: fall through to plain strings */ }
  }
  // ASCII, any grapheme, and any code point at all (lone surrogates and NUL included).
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }), fc.string({ minLength, maxLength, unit: 'binary' }));
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6;
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value shaped by `schema` ($refs resolved against `components`). */
export function fromSchema(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 1 });
  if (typeof schema.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.replace('#/components/schemas/', ''));
    return fromSchema(components[name], components, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, components, depth + 1)));
  if (Array.isArray(schema.allOf)) return fromSchema(schema.allOf[0] as JsonSchema, components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (type.length > 1) return fc.oneof(...type.map((t) => fromSchema({ ...schema, type: t }, components, depth)));
  switch (type[0]) {
    case 'string': return stringArb(schema);
    case 'integer': return numberArb(schema, true);
    case 'number': return numberArb(schema, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.max(minLength, Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3));
      return fc.array(fromSchema(schema.items as JsonSchema, components, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (Object.keys(properties).length === 0) {
        const values = typeof schema.additionalProperties === 'object' ? fromSchema(schema.additionalProperties as JsonSchema, components, depth + 1) : fc.jsonValue({ maxDepth: 1 });
        return fc.dictionary(fc.string({ maxLength: 12 }), values, { maxKeys: 4 });
      }
      const record = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromSchema(v, components, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []) as string[] });
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A schema-shaped value broken in one way (or left whole, now and then). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const breakObject = (value: unknown, how: number, key: string, junk: unknown): unknown => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return junk;
    const keys = Object.keys(value);
    const target = keys.length > 0 ? keys[how % keys.length]! : key;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    switch (how % 4) {
      case 0: delete copy[target]; break;
      case 1: copy[target] = junk; break;
      case 2: copy[key] = junk; break;
      default: copy[target] = 'x'.repeat(70_000);
    }
    return copy;
  };
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(valid, fc.nat(), fc.string({ maxLength: 10 }), fc.oneof(fc.jsonValue({ maxDepth: 2 }), oddString)).map(([v, how, key, junk]) => breakObject(v, how, key, junk)) },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddString, fc.constant(null), fc.constant([]), fc.constant({ __proto__: { admin: true } })) },
    { weight: 2, arbitrary: valid },
  );
}
