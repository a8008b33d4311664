// A PostgreSQL text[] literal for a bound parameter (`?::text[]`; raw bindings would expand a JS array
// into a list): each value quoted, quotes and backslashes escaped.
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
