// Problem codes and texts of sign-in (OIDC authorization code + PKCE) and console sessions (merged into
// api/http/messages.ts): every code has its detail text in `messages` (Bahasa Indonesia first, English
// second; {param} placeholders) and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const identityMessages = {} as const satisfies Record<string, LocalText>;

export const identityTitles = {} as const satisfies Record<string, LocalText>;
