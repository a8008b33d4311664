// Problem codes and texts of integrator API keys: scopes, rotation, expiry (merged into api/http/messages.ts):
// every code has its detail text in `messages` (Bahasa Indonesia first, English second; {param}
// placeholders) and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const apiKeyMessages = {
  unknown_scope: {
    id: 'Cakupan (scope) {scope} tidak dikenal. Gunakan <proses>:<operasi> — proses: {processes} atau *; operasi: read, create, act, act.<tindakan> atau * — atau cases:read, cases:act, *.',
    en: 'The scope {scope} is not known. Use <process>:<operation> — process: {processes} or *; operation: read, create, act, act.<action> or * — or cases:read, cases:act, *.',
  },
  api_key_expiry_past: {
    id: 'Waktu kedaluwarsa kunci API ({expiresAt}) harus di masa depan.',
    en: 'The API key expiry ({expiresAt}) must be in the future.',
  },
  api_key_revoked: {
    id: 'Kunci API ini sudah dicabut dan tidak dapat dirotasi. Buat kunci baru.',
    en: 'This API key has been revoked and cannot be rotated. Create a new key.',
  },
  api_key_expired: {
    id: 'Kunci API ini sudah kedaluwarsa dan tidak dapat dirotasi. Buat kunci baru.',
    en: 'This API key has expired and cannot be rotated. Create a new key.',
  },
  api_key_already_rotated: {
    id: 'Kunci API ini sudah dirotasi; penggantinya {replacedBy}. Rotasi kunci pengganti itu.',
    en: 'This API key has already been rotated; its replacement is {replacedBy}. Rotate that key instead.',
  },
} as const satisfies Record<string, LocalText>;

export const apiKeyTitles = {
  unknown_scope: { id: 'Cakupan kunci API tidak dikenal', en: 'Unknown API key scope' },
  api_key_expiry_past: { id: 'Waktu kedaluwarsa sudah lewat', en: 'Expiry in the past' },
  api_key_revoked: { id: 'Kunci API sudah dicabut', en: 'API key revoked' },
  api_key_expired: { id: 'Kunci API sudah kedaluwarsa', en: 'API key expired' },
  api_key_already_rotated: { id: 'Kunci API sudah dirotasi', en: 'API key already rotated' },
} as const satisfies Record<string, LocalText>;
