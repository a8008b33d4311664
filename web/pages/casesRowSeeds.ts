// Rows of list-of-objects action fields that the case already knows, so nobody types an id: a release's
// manual criteria still without a result (verify → results), a disaster's services whose RTO was missed
// (evaluate → causes, which serang C.3.6 b requires per such service). Read from the read model's data.
import type { Lang } from '../../api/http/messages.ts';
import { local } from '../i18n.ts';
import type { RowSeeds } from './casesForms.ts';

interface CaseData { type: string; data: Record<string, unknown> }
type Criterion = { id: string; kind: string; title: string };
type DisasterService = { code: string; name?: unknown; rto?: { met?: boolean | null } | null };

export function rowSeedsOf(view: CaseData, lang: Lang): Record<string, RowSeeds> {
  if (view.type === 'release') {
    const plan = view.data.plan as { evaluationCriteria?: Criterion[] } | undefined;
    const done = new Set(((view.data.criteria ?? []) as Array<{ criterion: string }>).map((r) => r.criterion));
    const pending = (plan?.evaluationCriteria ?? []).filter((k) => k.kind === 'manual' && !done.has(k.id));
    return { verify: { results: pending.map((k) => ({ label: `${k.id} · ${k.title}`, values: { criterion: k.id } })) } };
  }
  if (view.type === 'disaster') {
    const missed = ((view.data.services ?? []) as DisasterService[]).filter((s) => s.rto?.met === false);
    return { evaluate: { causes: missed.map((s) => ({ label: `${s.code} · ${local(s.name as Parameters<typeof local>[0], lang)}`, values: { service: s.code } })) } };
  }
  return {};
}
