// The Idempotency-Key header (IETF draft): 1–255 visible ASCII characters.
import type { Request } from 'express';
import { problem } from '../http/problem.ts';

export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw problem(400, 'invalid_idempotency_key');
  return key;
}
