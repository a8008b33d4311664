// The system under test and the real local sinks a reliability test counts side effects at (SMTP, the
// deployment system, a webhook receiver): started together in the test, stopped once after the file's
// tests — also when a start failed half-way.
import { startDeployTarget, type DeployTarget } from '../../support/deployTarget.ts';
import { startSmtpSink, type SmtpSink } from '../../support/smtpSink.ts';
import { startKillableSystem, type KillableSystem } from './killableSystem.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver.ts';

export interface Rig { system: KillableSystem; smtp: SmtpSink; target: DeployTarget; hooks: WebhookReceiver }

/** Registers the teardown; returns the function that starts the rig (its processes are not started yet). */
export function useRig(): () => Promise<Rig> {
  const started: Partial<Rig> = {};
  afterAll(async () => {
    await started.system?.stop();
    await Promise.all([started.smtp?.close(), started.target?.close(), started.hooks?.close()]);
  }, 120_000);
  return async () => {
    [started.smtp, started.target, started.hooks] = await Promise.all([startSmtpSink(), startDeployTarget(), startWebhookReceiver()]);
    started.system = await startKillableSystem({ smtpUrl: started.smtp.url });
    return started as Rig;
  };
}
