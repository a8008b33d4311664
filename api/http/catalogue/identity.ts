// Problem codes and texts of sign-in (OIDC authorization code + PKCE) and console sessions (merged into
// api/http/messages.ts): every code has its detail text in `messages` (Bahasa Indonesia first, English
// second; {param} placeholders) and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const identityMessages = {
  sign_in_not_configured: {
    id: 'Masuk melalui penyedia identitas belum dikonfigurasi. Admin Sigap perlu mengisi OIDC_ISSUER dan OIDC_CLIENT_ID.',
    en: 'Sign-in with the identity provider is not configured. The Sigap administrator needs to set OIDC_ISSUER and OIDC_CLIENT_ID.',
  },
  return_to_invalid: {
    id: 'Alamat tujuan setelah masuk harus berupa path di Sigap sendiri (diawali satu garis miring), bukan situs lain.',
    en: 'The address to return to after sign-in must be a path within Sigap (starting with a single slash), not another site.',
  },
  sign_in_state_invalid: {
    id: 'Proses masuk ini tidak dikenal, sudah kedaluwarsa, atau sudah dipakai. Silakan mulai masuk kembali dari awal.',
    en: 'This sign-in is unknown, expired or already used. Please start signing in again.',
  },
  sign_in_failed: {
    id: 'Penyedia identitas tidak menyelesaikan proses masuk ({reason}). Silakan coba masuk kembali.',
    en: 'The identity provider did not complete the sign-in ({reason}). Please try signing in again.',
  },
  session_expired: {
    id: 'Sesi Anda sudah berakhir atau tidak dikenal. Silakan masuk kembali.',
    en: 'Your session has ended or is unknown. Please sign in again.',
  },
  csrf_token_invalid: {
    id: 'Permintaan ini tidak membawa token CSRF sesi yang benar (header X-CSRF-Token). Muat ulang halaman lalu coba lagi.',
    en: 'This request does not carry the session\'s CSRF token (X-CSRF-Token header). Reload the page and try again.',
  },
} as const satisfies Record<string, LocalText>;

export const identityTitles = {
  sign_in_not_configured: { id: 'Masuk belum dikonfigurasi', en: 'Sign-in not configured' },
  return_to_invalid: { id: 'Alamat tujuan tidak valid', en: 'Invalid return address' },
  sign_in_state_invalid: { id: 'Proses masuk tidak valid', en: 'Invalid sign-in attempt' },
  sign_in_failed: { id: 'Gagal masuk', en: 'Sign-in failed' },
  session_expired: { id: 'Sesi berakhir', en: 'Session ended' },
  csrf_token_invalid: { id: 'Token CSRF tidak valid', en: 'Invalid CSRF token' },
} as const satisfies Record<string, LocalText>;
