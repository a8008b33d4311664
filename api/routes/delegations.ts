// Delegations of roles to acting officials (Plt./Plh.): the holder of a role (or an administrator, from
// the appointment letter) delegates it for a period; the delegate acts in it while it is in force, and
// every decision taken in it records under whose authority it was taken.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { createDelegationBody, delegationListQuery, delegationListSchema, delegationSchema } from '../schemas/delegations.ts';
import { createDelegation, delegationStatus, getDelegation, listDelegations, revokeDelegation, type DelegationRow } from '../services/delegations.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toView = (r: DelegationRow, now: number) => ({
  id: r.id, kind: r.kind, delegator: { username: r.delegator, name: r.delegator_name }, delegate: { username: r.delegate, name: r.delegate_name },
  roles: r.roles, startsAt: iso(r.starts_at)!, endsAt: iso(r.ends_at)!, reason: r.reason, reference: r.reference, status: delegationStatus(r, now),
  createdBy: r.created_by, createdAt: iso(r.created_at)!, revokedAt: iso(r.revoked_at), revokedBy: r.revoked_by,
});
const denied = { 401: { description: 'Belum masuk' } };
const tags = ['delegations'];

export function registerDelegationRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/delegations', operationId: 'createDelegation', tags,
    summary: 'Limpahkan peran kepada Plt./Plh. / Delegate roles to an acting official',
    description: 'Pemegang peran melimpahkan peran miliknya sendiri (bukan hasil pelimpahan; administrator tidak dapat dilimpahkan) '
      + 'kepada pegawai lain instansi yang sama untuk suatu masa. Administrator dapat mencatat pelimpahan atas nama pejabat lain (`delegator`).',
    body: createDelegationBody,
    responses: {
      201: { description: 'Pelimpahan dicatat', schema: delegationSchema }, ...denied,
      403: { description: 'Kunci API, atau bukan administrator yang mencatat atas nama orang lain' },
      422: { description: 'Peran tidak dipegang / tidak dapat dilimpahkan, penerima tidak dikenal, atau masa tidak valid' },
    },
    handler: async ({ body, principal }) => ({ status: 201 as const, body: toView(await createDelegation(deps, principal, body), deps.now()) }),
  });
  registry.route({
    method: 'get', path: '/delegations', operationId: 'listDelegations', tags,
    summary: 'Daftar pelimpahan / List delegations',
    description: 'Pelimpahan yang Anda berikan atau terima; administrator melihat semua pelimpahan instansi.',
    query: delegationListQuery,
    responses: { 200: { description: 'Pelimpahan, terbaru dahulu', schema: delegationListSchema }, ...denied },
    handler: async ({ query, principal }) => {
      const rows = await listDelegations(deps, principal, { active: query.active });
      const now = deps.now();
      return { status: 200 as const, body: { items: rows.map((r) => toView(r, now)) } };
    },
  });
  registry.route({
    method: 'get', path: '/delegations/:id', operationId: 'getDelegation', tags,
    summary: 'Detail pelimpahan / A delegation',
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Pelimpahan', schema: delegationSchema }, ...denied, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toView(await getDelegation(deps, principal, params.id), deps.now()) }),
  });
  registry.route({
    method: 'delete', path: '/delegations/:id', operationId: 'revokeDelegation', tags,
    summary: 'Cabut pelimpahan / Revoke a delegation',
    description: 'Pelimpahan berakhir saat itu juga; catatannya tetap disimpan.',
    params: z.object({ id: z.uuid() }),
    responses: {
      200: { description: 'Pelimpahan dicabut', schema: delegationSchema }, ...denied,
      403: { description: 'Bukan pemberi pelimpahan atau administrator' }, 404: { description: 'Tidak ditemukan' },
    },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toView(await revokeDelegation(deps, principal, params.id), deps.now()) }),
  });
}
