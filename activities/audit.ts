// Audit-trail hashing: each event's hash covers the previous hash and the event's canonical JSON
// (RFC 8785), so an edited or removed event breaks the chain.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface HashedEventFields {
  caseId: string;
  seq: number;
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  payload: unknown;
}

export function eventHash(prevHash: string | null, event: HashedEventFields): string {
  return createHash('sha256').update(prevHash ?? '').update('\n').update(canonicalize(event) ?? '').digest('hex');
}

/** Recomputes a chain; returns the seq of the first event whose hash does not match, or null. */
export function verifyChain(events: Array<HashedEventFields & { prevHash: string | null; hash: string }>): number | null {
  let prev: string | null = null;
  for (const e of events) {
    const { prevHash, hash, ...fields } = e;
    if (prevHash !== prev || eventHash(prev, fields) !== hash) return e.seq;
    prev = hash;
  }
  return null;
}
