// Problem codes and texts of integrator API keys: scopes, rotation, expiry (merged into api/http/messages.ts):
// every code has its detail text in `messages` (Bahasa Indonesia first, English second; {param}
// placeholders) and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const apiKeyMessages = {} as const satisfies Record<string, LocalText>;

export const apiKeyTitles = {} as const satisfies Record<string, LocalText>;
