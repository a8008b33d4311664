// The operations of the served OpenAPI document, flattened for the reliability suite (fuzzing and the
// authorisation matrix both start from what the API says it serves).
import type { JsonSchema } from './schemaArbitrary.ts';

export interface Parameter { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path under /api/v1, e.g. /cases/{id}. */
  path: string;
  parameters: Parameter[];
  body?: { contentType: string; schema: JsonSchema; required: boolean };
  description: string;
  authRequired: boolean;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => {
    const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }>; required?: boolean } | undefined);
    const [contentType, media] = Object.entries(content?.content ?? {})[0] ?? [];
    return {
      operationId: op.operationId as string,
      method: method as Operation['method'],
      path,
      parameters: (op.parameters ?? []) as Parameter[],
      ...(contentType && media ? { body: { contentType, schema: media.schema, required: content?.required ?? false } } : {}),
      description: `${String(op.description ?? '')} ${JSON.stringify(media?.schema.description ?? '')}`,
      authRequired: Array.isArray(op.security) && op.security.length > 0,
    };
  }));
}

/** Fills an OpenAPI path with already-encoded values: /cases/{id} + {id: 'x'} → /cases/x. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'x');
}

/** The body keys each case action takes, from the action route's description ("classify {classification, priority, note?} · …"). */
export function actionBodyKeys(op: Operation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of op.description.matchAll(/([a-z_]+) \{([^}]*)\}/g)) {
    out[m[1]!] = m[2]!.split(',').map((k) => (k.trim().split(' ')[0] ?? '').replace(/\?$/, '')).filter((k) => /^[A-Za-z_]+$/.test(k));
  }
  return out;
}
