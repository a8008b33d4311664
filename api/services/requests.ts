// Submitting a service request against a catalogue item (spec §1; serang BAB IV B.2).
import type { EntityManager } from '@mikro-orm/postgresql';
import { newRequestCase, snapshot, type RequestInput } from '../../policy/requestFulfilment.ts';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CreateRequestBody } from '../schemas/requests.ts';
import { intake, prepareIntake } from './intake.ts';
import { findUser } from './users.ts';

export { startPendingSubmissions } from './intake.ts';

export async function submitRequest(deps: ApiDeps, principal: Principal, body: CreateRequestBody, idempotencyKey: string | null): Promise<{ caseId: string; created: boolean }> {
  const prep = await prepareIntake(deps, principal, body, idempotencyKey);
  if (prep.replayed) return prep.replayed;
  const { em, tenant, profile, requestHash } = prep;
  const requester = await resolveOnBehalf(em, principal, body.requester, profile.requestFulfilment.serviceDeskRole);
  const [item] = await em.execute<Array<{ code: string; name: { id: string }; fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working'; requires_approval: boolean; approver_role: string | null; required_documents: string[] }>>(
    'select code, name, fulfilment_target_ms, target_basis, requires_approval, approver_role, required_documents from catalogue_item where tenant_id = ? and code = ? and active',
    [principal.tenantId, body.catalogueItem],
  );
  if (!item) throw problem(422, 'unknown_catalogue_item', { code: body.catalogueItem });
  const documents = await checkDocuments(em, principal, body.documents, item.required_documents);

  return intake<RequestInput>(deps, principal, {
    kind: 'request',
    input: ({ caseId, number, at, calendar }) => ({
      caseId, tenantId: principal.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides, number,
      requester: { username: requester.username, name: requester.name },
      title: body.title, description: body.description, submittedAt: at, channel: body.channel,
      item: {
        code: item.code, name: item.name.id, targetMs: Number(item.fulfilment_target_ms), basis: item.target_basis,
        requiresApproval: item.requires_approval, approverRole: item.approver_role,
      },
      documents, calendar,
    }),
    row: (input) => {
      const snap = snapshot(newRequestCase(input, profile), profile, input.submittedAt);
      return {
        serviceCode: item.code, title: body.title, state: snap.state, priority: null, requester: requester.username,
        waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt, data: snap.formD as unknown as Record<string, unknown>, links: [],
      };
    },
    event: {
      payload: { ...body, requester: requester.username, channel: body.channel },
      actorRole: requester.username === principal.username ? 'requester' : (principal.apiKeyId ? 'integrator' : profile.requestFulfilment.serviceDeskRole),
    },
    alsoWrite: async (tx, input) => {
      if (documents.length) await tx.execute('update document set case_id = ? where id = any(?::uuid[])', [input.caseId, `{${documents.map((d) => d.id).join(',')}}`]);
    },
    searchService: item.code,
  }, idempotencyKey, requestHash, profile.timezone);
}

/** The person a case is for: the caller, or (for the service desk and integrators) someone named. */
export async function resolveOnBehalf(em: EntityManager, principal: Principal, onBehalfOf: string | undefined, deskRole: string) {
  if (!onBehalfOf || onBehalfOf === principal.username) {
    if (principal.apiKeyId) throw problem(400, 'requester_required');
    return { username: principal.username, name: principal.name };
  }
  // The service desk records what arrives by phone or letter; integrators submit for users.
  if (!principal.apiKeyId && !principal.roles.includes(deskRole)) throw problem(403, 'missing_role', { roles: [deskRole] });
  const user = await findUser(em, principal.tenantId, onBehalfOf);
  if (!user) throw problem(422, 'unknown_user', { username: onBehalfOf });
  return { username: user.username, name: user.name };
}

async function checkDocuments(em: EntityManager, principal: Principal, docs: CreateRequestBody['documents'], required: string[]) {
  const rows = docs.length === 0 ? [] : await em.execute<Array<{ id: string; kind: string; filename: string; sha256: string; case_id: string | null; uploaded_by: string }>>(
    'select id, kind, filename, sha256, case_id, uploaded_by from document where tenant_id = ? and id = any(?::uuid[])',
    [principal.tenantId, `{${docs.map((d) => d.id).join(',')}}`],
  );
  for (const d of docs) {
    const row = rows.find((r) => r.id === d.id);
    if (!row || row.uploaded_by !== principal.username) throw problem(422, 'unknown_document', { id: d.id });
    if (row.case_id) throw problem(422, 'document_already_attached', { id: d.id });
    if (row.kind !== d.kind) throw problem(422, 'document_kind_mismatch', { id: d.id, kind: row.kind });
  }
  // dpr Pasal 6 ayat (2): the request carries a nota dinas and a kerangka acuan.
  const missing = required.filter((kind) => !rows.some((r) => r.kind === kind));
  if (missing.length) throw problem(422, 'missing_document', { kinds: missing.join(', ') });
  return rows.map((r) => ({ id: r.id, kind: r.kind, filename: r.filename, sha256: r.sha256 }));
}
