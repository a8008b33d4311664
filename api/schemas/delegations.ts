// Schemas of the delegation (Plt./Plh.) endpoints.
import { z } from 'zod';
import { queryBoolean } from '../http/routes.ts';

const instant = z.iso.datetime({ offset: true });
const username = z.string().trim().min(1).max(200);

export const createDelegationBody = z.strictObject({
  delegate: username.describe('Nama pengguna pegawai yang menjadi Plt./Plh.'),
  roles: z.array(z.string().regex(/^[a-z_]+$/).max(64)).min(1).max(20).describe('Peran yang dilimpahkan (id peran profil regulasi); administrator tidak dapat dilimpahkan'),
  kind: z.enum(['plt', 'plh']).describe('plt: Pelaksana Tugas (jabatan kosong); plh: Pelaksana Harian (pejabat berhalangan sementara)'),
  startsAt: instant.describe('Awal berlaku (termasuk)'),
  endsAt: instant.describe('Akhir berlaku (tidak termasuk); harus di masa depan'),
  reason: z.string().trim().min(1).max(1000),
  reference: z.string().trim().min(1).max(200).optional().describe('Nomor surat perintah / SK penunjukan'),
  delegator: username.optional().describe('Hanya administrator: mencatat pelimpahan atas nama pejabat ini'),
});

const person = z.object({ username: z.string(), name: z.string() });

export const delegationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['plt', 'plh']),
  delegator: person,
  delegate: person,
  roles: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  reference: z.string().nullable(),
  status: z.enum(['scheduled', 'active', 'ended', 'revoked']),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
}).meta({ id: 'Delegation' });

export const delegationListQuery = z.object({
  active: queryBoolean().optional().describe('true: hanya yang berlaku sekarang; false: hanya yang tidak berlaku'),
});

export const delegationListSchema = z.object({ items: z.array(delegationSchema) }).meta({ id: 'DelegationList' });
