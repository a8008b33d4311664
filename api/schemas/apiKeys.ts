// Schemas of the API key administration: POST /api-keys, POST /api-keys/{id}/rotate and the console's key forms.
import { z } from 'zod';
import { SCOPE_PROCESSES } from '../auth/scopes.ts';

export const MAX_GRACE_MINUTES = 7 * 24 * 60;

const scopesDescription = `Cakupan <proses>:<operasi>. Proses: ${SCOPE_PROCESSES.join(', ')} atau *. Operasi: read, create, act `
  + '(semua tindakan), act.<tindakan> (satu tindakan, mis. changes:act.decide) atau *. Alias lama: cases:read (= *:read), cases:act, '
  + 'requests:create, incidents:create, * (semuanya).';
const expiresAt = z.iso.datetime({ offset: true }).optional().describe('Kedaluwarsa (ISO 8601, di masa depan); tanpa ini kunci berlaku sampai dicabut');

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(3).max(100),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(50).describe(scopesDescription),
  roles: z.array(z.string().regex(/^[a-z_]+$/)).max(5).default([]).describe('Peran yang dibawa kunci, mis. service_desk untuk mencatat atas nama pengguna'),
  expiresAt,
});

export const rotateApiKeyBody = z.strictObject({
  graceMinutes: z.number().int().min(0).max(MAX_GRACE_MINUTES).default(60).describe('Masa tenggang kunci lama, menit (0–10080)'),
  expiresAt,
});
