// createActivities(deps): the activity implementations the worker registers.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import { createCalendarActivities } from './calendar.ts';
import { createCaseActivities } from './cases.ts';
import { createChangeActivities } from './changes.ts';
import { createFindingActivities } from './findings.ts';
import { createLinkedCaseActivities } from './linkedCases.ts';
import { createNotifyActivities } from './notify.ts';
import { createProblemActivities } from './problems.ts';
import { createReleaseDocumentActivities } from './releases.ts';
import { createStepActivities } from './steps.ts';
import { createAvailabilityActivities, type AvailabilityActivities } from './availability.ts';
import { createEvaluationActivities, type EvaluationActivities } from './evaluations.ts';
import { createContinuityActivities, type ContinuityActivities } from './continuity.ts';
import { createDisasterActivities, type DisasterActivities } from './disasters.ts';
import type { TemplateRenderer } from './templates.ts';
import { createWebhookActivities, type WebhookActivities } from './webhooks.ts';
import type { ChangeActivities, ProblemActivities, ReleaseActivities, SigapActivities } from './types.ts';

export interface ActivityDeps {
  orm: MikroORM;
  mailer: Transporter;
  mailFrom: string;
  templates: TemplateRenderer;
  publicUrl: string;
  /** Hosts release steps and health checks may call (SIGAP_STEP_ALLOWED_HOSTS); null or absent = any. */
  stepAllowedHosts?: string[] | null | undefined;
  /** Hosts outbound webhooks may reach, checked at each delivery (WEBHOOK_ALLOWED_HOSTS); null or absent = not checked. */
  webhookAllowedHosts?: string[] | null | undefined;
}

export function createActivities(deps: ActivityDeps): SigapActivities & ProblemActivities & ReleaseActivities & ChangeActivities & DisasterActivities & ContinuityActivities & AvailabilityActivities & EvaluationActivities & WebhookActivities {
  return { ...createCaseActivities(deps.orm), ...createNotifyActivities(deps), ...createCalendarActivities(deps.orm), ...createLinkedCaseActivities(deps.orm),
    ...createProblemActivities(deps.orm), ...createFindingActivities(deps.orm),
    ...createStepActivities({ allowedHosts: deps.stepAllowedHosts ?? null }), ...createReleaseDocumentActivities(deps.orm),
    ...createChangeActivities(deps.orm), ...createDisasterActivities(deps), ...createContinuityActivities(deps), ...createAvailabilityActivities(deps), ...createEvaluationActivities(deps),
    ...createWebhookActivities(deps.orm, { allowedHosts: deps.webhookAllowedHosts ?? null }) };
}
