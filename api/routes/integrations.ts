// Integrations: monitoring alerts become incidents. POST /integrations/alertmanager takes Prometheus
// Alertmanager's webhook as it is (payload version 4); POST /integrations/alerts takes one alert of any
// other tool in a small generic JSON; GET /integrations/alerts shows which incident each alert opened.
import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import type { ApiDeps } from '../deps.ts';
import { pickLanguage } from '../http/messages.ts';
import { problem } from '../http/problem.ts';
import type { Registry } from '../http/routes.ts';
import { validate } from '../http/validation.ts';
import { alertIntakeResult, alertListQuery, alertmanagerWebhookBody, alertRecordSchema, genericAlertBody } from '../schemas/alerts.ts';
import { assertMaySendAlerts, fromAlertmanager, fromGeneric, listAlerts, receiveAlerts } from '../services/alerts.ts';

const TAGS = ['integrations'];

const MAPPING = [
  'Pemetaan / Mapping: layanan = label `sigap_service` (atau `service`); dampak = label `sigap_impact` (mayor/minor),',
  'bila tidak ada: `severity` critical → mayor, selain itu minor; kategori = `alertname`; gejala = anotasi `summary` dan',
  '`description`; item konfigurasi = label `instance` (juga tanpa `:port`) hanya bila termasuk layanan itu; saluran `monitoring`;',
  'pelapor = integrasi itu sendiri (kunci API), sehingga Pengelola Layanan yang mengonfirmasi penyelesaian setelah memastikan',
  'layanan pulih pada pemantauan. Satu gangguan terbuka per fingerprint: peringatan yang datang lagi dihitung (repeatCount),',
  'resolved dicatat pada gangguan tanpa menutupnya. Kunci idempotensi `<source>:<fingerprint>:<startsAt>`: kiriman ulang',
  'tidak pernah membuka dua gangguan. Peringatan dengan layanan tak dikenal ditolak per peringatan (outcome rejected, status 200);',
  '400 `invalid_alert_payload` hanya untuk kiriman yang tidak sesuai format (tidak ada yang dibuat).',
].join(' ');

/** Parses JSON itself and answers a body that does not match with 400 invalid_alert_payload (not the generic validation_failed). */
function alertBody(schema: z.ZodType, format: string): RequestHandler[] {
  return [
    express.json({ limit: '5mb', type: ['application/json', 'application/*+json'] }),
    (req, _res, next) => {
      validate(schema, req.body, 'body', pickLanguage(req)).then(
        (r) => next(r.ok ? undefined : problem(400, 'invalid_alert_payload', { format }, { errors: r.errors })),
        next,
      );
    },
  ];
}

export function registerIntegrationRoutes(registry: Registry, deps: ApiDeps): void {
  // Users: only the service desk; API keys: by the route's scope. Checked before the body is looked at.
  const maySend: RequestHandler = (_req, res, next) => { assertMaySendAlerts(deps, principalOf(res)).then(() => next(), next); };
  const responses = {
    200: { description: 'Hasil per peringatan (opened, repeat, resolved, duplicate, ignored, rejected)', schema: alertIntakeResult },
    400: { description: 'Kiriman tidak sesuai format (invalid_alert_payload); tidak ada kasus dibuat' },
    401: { description: 'Belum masuk' },
    403: { description: 'Kunci API tanpa cakupan incidents:create, atau pengguna bukan Pengelola Layanan' },
    415: { description: 'Bukan JSON' },
  };

  registry.route({
    method: 'post', path: '/integrations/alertmanager', operationId: 'receiveAlertmanagerWebhook', tags: TAGS, scope: 'incidents:create',
    summary: 'Terima webhook Prometheus Alertmanager / Receive a Prometheus Alertmanager webhook',
    description: `Isi \`webhook_configs\` Alertmanager: \`url\` ke alamat ini, \`http_config.authorization.credentials\` = kunci API dengan cakupan \`incidents:create\`, \`send_resolved: true\`. ${MAPPING}`,
    body: alertmanagerWebhookBody,
    middleware: [maySend, ...alertBody(alertmanagerWebhookBody, 'webhook Alertmanager versi 4')],
    responses,
    handler: async ({ body, principal, lang }) => {
      const results = await receiveAlerts(deps, principal, fromAlertmanager(body), lang);
      return { status: 200 as const, body: { received: results.length, results } };
    },
  });

  registry.route({
    method: 'post', path: '/integrations/alerts', operationId: 'receiveAlert', tags: TAGS, scope: 'incidents:create',
    summary: 'Terima satu peringatan pemantauan (JSON umum) / Receive one monitoring alert (generic JSON)',
    description: 'Untuk alat pemantauan selain Alertmanager (Zabbix, Uptime Kuma, skrip). Pemetaan: `service` → layanan; '
      + '`impact` → dampak (bila kosong: `severity` critical → mayor, selain itu minor); `title` → kategori; `description` → gejala '
      + '(bila kosong: `title`); `instance` → item konfigurasi bila termasuk layanan; `(source, fingerprint)` → identitas peringatan; '
      + '`startsAt` → episode (kunci idempotensi `<source>:<fingerprint>:<startsAt>`; tanpa `startsAt` kiriman ulang tetap dihitung '
      + 'sebagai pengulangan selama gangguan terbuka); `endsAt` → waktu pulih. Perilaku dedup dan pemulihan sama dengan Alertmanager. '
      + MAPPING,
    body: genericAlertBody,
    middleware: [maySend, ...alertBody(genericAlertBody, 'peringatan JSON umum Sigap')],
    responses,
    handler: async ({ body, principal, lang }) => {
      const results = await receiveAlerts(deps, principal, [fromGeneric(body)], lang);
      return { status: 200 as const, body: { received: results.length, results } };
    },
  });

  registry.route({
    method: 'get', path: '/integrations/alerts', operationId: 'listAlerts', tags: TAGS, scope: 'cases:read',
    summary: 'Peringatan pemantauan dan gangguannya / Monitoring alerts and their incidents',
    description: 'Per peringatan dan gangguan: status terakhir, kapan pertama dan terakhir terlihat, berapa kali datang lagi, kapan pulih. Terbaru dahulu, paling banyak 200.',
    query: alertListQuery,
    responses: {
      200: { description: 'Peringatan', schema: z.object({ items: z.array(alertRecordSchema) }) },
      400: { description: 'Filter tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Pemohon tidak melihat peringatan' },
    },
    handler: async ({ query, principal }) => {
      if (!principal.apiKeyId && !principal.roles.some((r) => r !== 'requester')) throw problem(403, 'forbidden');
      return { status: 200 as const, body: { items: await listAlerts(deps, principal, query) } };
    },
  });
}
