// createActivities(deps): the activity implementations the worker registers.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import { createCalendarActivities } from './calendar.ts';
import { createCaseActivities } from './cases.ts';
import { createFindingActivities } from './findings.ts';
import { createLinkedCaseActivities } from './linkedCases.ts';
import { createNotifyActivities } from './notify.ts';
import { createProblemActivities } from './problems.ts';
import type { TemplateRenderer } from './templates.ts';
import type { ProblemActivities, SigapActivities } from './types.ts';

export interface ActivityDeps {
  orm: MikroORM;
  mailer: Transporter;
  mailFrom: string;
  templates: TemplateRenderer;
  publicUrl: string;
}

export function createActivities(deps: ActivityDeps): SigapActivities & ProblemActivities {
  return { ...createCaseActivities(deps.orm), ...createNotifyActivities(deps), ...createCalendarActivities(deps.orm), ...createLinkedCaseActivities(deps.orm),
    ...createProblemActivities(deps.orm), ...createFindingActivities(deps.orm) };
}
