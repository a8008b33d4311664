// Verifies the hash-chained audit trail (case_event) from event 0 of every case: each event's hash is
// recomputed (activities/audit.ts), each prev_hash must be the previous event's hash, sequence numbers
// must run 0, 1, 2 … without a gap, and the chain must reach the case row's last_seq (a cut-off tail).
// Reads in pages of cases, so a large trail is never held in memory at once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { eventHash } from '../activities/audit.ts';

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'missing_events';

export interface ChainBreak {
  tenantId: string;
  caseId: string;
  number: string;
  /** The first event of the case whose chain does not hold (for missing_events: the first seq that is absent). */
  seq: number;
  reason: ChainBreakReason;
}

export interface AuditVerification {
  cases: number;
  events: number;
  /** At most one break per case: the first one, since every later hash depends on it. */
  breaks: ChainBreak[];
}

interface EventRow {
  case_id: string; seq: number; at: Date | string; actor: string; actor_role: string | null;
  action: string; payload: unknown; prev_hash: string | null; hash: string;
}
interface CaseRow { id: string; tenant_id: string; number: string; last_seq: number }

/** The first break in one case's events (ordered by seq), or null when the chain holds up to lastSeq. */
export function firstBreak(events: readonly EventRow[], lastSeq: number): { seq: number; reason: ChainBreakReason } | null {
  let prev: string | null = null;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i) return { seq: i, reason: 'sequence_gap' };
    if (e.prev_hash !== prev) return { seq: e.seq, reason: 'prev_hash_mismatch' };
    const hash = eventHash(prev, {
      caseId: e.case_id, seq: e.seq, at: new Date(e.at).toISOString(), actor: e.actor, actorRole: e.actor_role, action: e.action, payload: e.payload,
    });
    if (hash !== e.hash) return { seq: e.seq, reason: 'hash_mismatch' };
    prev = e.hash;
  }
  return events.length <= lastSeq ? { seq: events.length, reason: 'missing_events' } : null;
}

export interface VerifyOptions { tenantId?: string; caseId?: string; pageSize?: number }

export async function verifyAuditTrail(em: EntityManager, options: VerifyOptions = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 500;
  const result: AuditVerification = { cases: 0, events: 0, breaks: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const cases = await em.execute<CaseRow[]>(
      `select id, tenant_id, number, last_seq from sigap_case
       where id > ? and (?::text is null or tenant_id = ?) and (?::uuid is null or id = ?)
       order by id limit ?`,
      [after, options.tenantId ?? null, options.tenantId ?? null, options.caseId ?? null, options.caseId ?? null, pageSize]);
    if (cases.length === 0) return result;
    const events = await em.execute<EventRow[]>(
      `select case_id, seq, at, actor, actor_role, action, payload, prev_hash, hash from case_event
       where case_id = any(?::uuid[]) order by case_id, seq`, [`{${cases.map((c) => c.id).join(',')}}`]);
    const byCase = Map.groupBy(events, (e) => e.case_id);
    for (const c of cases) {
      const own = byCase.get(c.id) ?? [];
      result.cases++;
      result.events += own.length;
      const broken = firstBreak(own, c.last_seq);
      if (broken) result.breaks.push({ tenantId: c.tenant_id, caseId: c.id, number: c.number, ...broken });
    }
    after = cases[cases.length - 1]!.id;
  }
}
