// Problem codes and texts of the outbound webhook endpoints (merged into api/http/messages.ts): every code
// has its detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders)
// and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const webhookMessages = {
  webhook_url_invalid: {
    id: 'Alamat webhook {url} tidak valid: gunakan URL lengkap dengan skema http atau https.',
    en: 'The webhook address {url} is not valid: use a full URL with the http or https scheme.',
  },
  webhook_destination_not_allowed: {
    id: 'Host {host} tidak termasuk tujuan webhook yang diizinkan untuk instansi ini ({allowed}). Minta admin Sigap menambahkannya pada WEBHOOK_ALLOWED_HOSTS.',
    en: 'Host {host} is not one of the webhook destinations allowed for this agency ({allowed}). Ask the Sigap administrator to add it to WEBHOOK_ALLOWED_HOSTS.',
  },
  webhook_subscription_revoked: {
    id: 'Langganan webhook ini sudah dicabut; pengiriman ulang tidak dapat dilakukan.',
    en: 'This webhook subscription has been revoked; it cannot be redelivered.',
  },
  webhook_delivery_in_progress: {
    id: 'Pengiriman webhook ini masih berjalan (mencoba ulang). Tunggu hingga selesai sebelum mengirim ulang.',
    en: 'This webhook delivery is still in progress (retrying). Wait until it ends before redelivering.',
  },
} as const satisfies Record<string, LocalText>;

export const webhookTitles = {
  webhook_url_invalid: { id: 'Alamat webhook tidak valid', en: 'Invalid webhook address' },
  webhook_destination_not_allowed: { id: 'Tujuan webhook tidak diizinkan', en: 'Webhook destination not allowed' },
  webhook_subscription_revoked: { id: 'Langganan webhook dicabut', en: 'Webhook subscription revoked' },
  webhook_delivery_in_progress: { id: 'Pengiriman webhook masih berjalan', en: 'Webhook delivery in progress' },
} as const satisfies Record<string, LocalText>;
