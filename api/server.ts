// The API process: listens on PORT and starts submissions whose workflow start was interrupted.
import { loadConfig } from '../config/index.ts';
import { closeDatabase, openDatabase } from '../db/orm.ts';
import { resolveDatabaseUrl } from '../db/resolveUrl.ts';
import { ensureDemoKeys } from './auth/demoKeys.ts';
import { createJwtVerifierFromConfig } from './auth/jwt.ts';
import { createApp } from './app.ts';
import { connectTemporal } from './temporal.ts';
import { startPendingSubmissions } from './services/requests.ts';
import { propagateCalendar } from './services/calendar.ts';
import { ensureProblemReviewSchedules } from './services/problemReview.ts';
import { ensureDrpTestSchedules } from './services/drpTests.ts';
import { ensureAvailabilityReportSchedules } from './services/availabilitySchedule.ts';
import { ensureEvaluationSchedules } from './services/evaluationSchedule.ts';
import { closePdfRenderer } from '../reports/pdf.ts';
import { dispatchPendingWebhooks } from './services/webhooks.ts';
import { createLogger } from '../observability/logging.ts';
import { startTracing } from '../observability/tracing.ts';

const config = loadConfig();
const logger = createLogger('api', config.LOG_LEVEL); // JSON lines with the trace id of the request in progress
const tracing = startTracing(config, 'sigap-api'); // before the Temporal client, whose interceptor it feeds
const orm = await openDatabase(await resolveDatabaseUrl(config));
const temporal = await connectTemporal(config);
const deps = { config, orm, temporal, now: () => Date.now() };
const verifyJwt = createJwtVerifierFromConfig(config, config.demo ? { demoKeys: await ensureDemoKeys(config.SIGAP_DATA_DIR) } : {});
const app = createApp(deps, { verifyJwt, logger });

const server = app.listen(config.PORT, () => logger.info(`listening on ${config.publicUrl}`));

// Submissions are durable before their workflow starts; finish any start a crash interrupted.
const RECONCILE_EVERY_MS = 5_000;
const reconcile = async () => {
  try {
    const n = await startPendingSubmissions(deps, 2_000);
    if (n) logger.warn({ started: n }, 'started pending submissions');
  } catch (err) {
    logger.error({ err }, 'could not start pending submissions');
  }
};
void reconcile();
// Open cases hold the calendar they were last told about; make sure the newest one has been sent
// (a restart after seeding a new year's holidays, or a propagation interrupted by a crash).
void (async () => {
  try {
    const tenants = await orm.em.fork().execute<Array<{ id: string }>>('select tenant_id as id from tenant_calendar');
    for (const t of tenants) await propagateCalendar(deps, t.id);
  } catch (err) {
    logger.error({ err }, 'could not propagate business calendars');
  }
})();
const timer = setInterval(() => void reconcile(), RECONCILE_EVERY_MS);
// Webhook deliveries queued by recordTransition (the outbox) get their delivery workflow here: right
// after boot and every few seconds (why not from the activity: api/services/webhooks.ts).
const WEBHOOK_DISPATCH_EVERY_MS = 2_000;
let dispatching = false;
const dispatchWebhooks = async () => {
  if (dispatching) return;
  dispatching = true;
  try {
    await dispatchPendingWebhooks(deps);
  } catch (err) {
    logger.error({ err }, 'could not dispatch webhook deliveries');
  } finally {
    dispatching = false;
  }
};
void dispatchWebhooks();
const webhookTimer = setInterval(() => void dispatchWebhooks(), WEBHOOK_DISPATCH_EVERY_MS);
// Temporal Schedules per tenant: the periodic incident review (serang B.3.5), the monthly availability
// report (serang C.2.4), the yearly DRP test of each Kritis service (serang C.3.5) and the semester
// evaluation (serang BAB II C); create any missing one.
void (async () => {
  const ensurers = { 'problem-review': ensureProblemReviewSchedules, 'availability-report': ensureAvailabilityReportSchedules, 'drp-test': ensureDrpTestSchedules, evaluation: ensureEvaluationSchedules };
  for (const [name, ensure] of Object.entries(ensurers)) {
    try {
      const created = (await ensure(deps)).filter((s) => s.created);
      if (created.length) logger.info({ schedules: created.map((s) => s.scheduleId) }, `created ${name} schedules`);
    } catch (err) {
      logger.error({ err }, `could not ensure the ${name} schedules`);
    }
  }
})();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(timer);
    clearInterval(webhookTimer);
    server.close(() => {
      void closePdfRenderer().then(() => temporal.connection.close()).then(() => closeDatabase(orm)).then(() => tracing?.shutdown()).finally(() => process.exit(0));
    });
  });
}
