// Regulation profiles: the numbers and role names of each regulation, every number with its source.
import { z } from 'zod';
import { profiles } from '../../policy/profiles/index.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { Registry } from '../http/routes.ts';
import { validateOverrides } from '../../policy/profile.ts';
import { loadTenant, profileOf } from '../services/tenants.ts';

const summary = z.object({
  id: z.string(), name: z.object({ id: z.string(), en: z.string() }),
  regulation: z.object({ seed: z.string(), title: z.string(), year: z.number().int().optional() }), activeForMyAgency: z.boolean(),
}).meta({ id: 'ProfileSummary' });

export function registerProfileRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/profiles', operationId: 'listProfiles', tags: ['profiles'],
    summary: 'Profil regulasi / Regulation profiles',
    responses: { 200: { description: 'Profil yang tersedia', schema: z.object({ items: z.array(summary) }) }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal }) => {
      const tenant = await loadTenant(deps.orm.em.fork(), principal.tenantId);
      const items = Object.values(profiles).map((p) => ({ id: p.id, name: p.name, regulation: p.regulation, activeForMyAgency: p.id === tenant.profile_id }));
      return { status: 200 as const, body: { items } };
    },
  });
  registry.route({
    method: 'get', path: '/profiles/:id', operationId: 'getProfile', tags: ['profiles'],
    summary: 'Satu profil regulasi lengkap dengan sumber setiap angka / One profile with the source of every number',
    params: z.object({ id: z.string().regex(/^[a-z]+$/) }),
    responses: { 200: { description: 'Profil', schema: z.record(z.string(), z.unknown()) }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: ({ params }) => {
      const profile = Object.hasOwn(profiles, params.id) ? profiles[params.id] : undefined;
      if (!profile) throw problem(404, 'not_found');
      return { status: 200 as const, body: profile as unknown as Record<string, unknown> };
    },
  });
}

/** The agency's own profile: its regulation's profile with the agency's overrides. */
export function registerTenantProfileRoutes(registry: Registry, deps: ApiDeps): void {
  const response = z.object({ profileId: z.string(), overrides: z.record(z.string(), z.unknown()), effective: z.record(z.string(), z.unknown()) }).meta({ id: 'TenantProfile' });
  registry.route({
    method: 'get', path: '/profile', operationId: 'getMyProfile', tags: ['profiles'],
    summary: 'Profil yang berlaku untuk instansi saya / The profile my agency runs',
    responses: { 200: { description: 'Profil berlaku', schema: response }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal }) => {
      const tenant = await loadTenant(deps.orm.em.fork(), principal.tenantId);
      return { status: 200 as const, body: { profileId: tenant.profile_id, overrides: tenant.profile_overrides, effective: profileOf(tenant) as unknown as Record<string, unknown> } };
    },
  });
  registry.route({
    method: 'put', path: '/profile/overrides', operationId: 'putMyProfileOverrides', tags: ['profiles'], roles: ['administrator'],
    summary: 'Ganti penyesuaian profil instansi / Replace the agency\'s profile overrides',
    description: 'Objek digabung ke profil regulasi (objek per kunci, daftar diganti utuh); hasilnya harus lolos skema profil. Berlaku untuk kasus baru.',
    body: z.record(z.string(), z.unknown()),
    responses: { 200: { description: 'Profil berlaku yang baru', schema: response }, 400: { description: 'Hasil tidak lolos skema profil' }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' } },
    handler: async ({ body, principal }) => {
      const em = deps.orm.em.fork();
      const tenant = await loadTenant(em, principal.tenantId);
      let effective;
      try {
        effective = validateOverrides(tenant.profile_id, body);
      } catch (err) {
        const message = (err as Error).message;
        const field = /field ([^:]+):/.exec(message)?.[1] ?? '';
        throw problem(400, 'profile_override_invalid', { message }, { errors: [{ path: `body.${field}`, message }] });
      }
      await em.execute('update tenant set profile_overrides = ?::jsonb where id = ?', [JSON.stringify(body), tenant.id]);
      return { status: 200 as const, body: { profileId: tenant.profile_id, overrides: body, effective: effective as unknown as Record<string, unknown> } };
    },
  });
}
