// The worker's Prometheus metrics: case events counted where they are recorded (the recordTransition(s)
// activity, observed by an activity interceptor, so activities stay free of metrics code), plus Node's
// process metrics. Counted after the activity succeeds; a retry of an activity whose completion was lost
// counts again (rare), so alert on rates and read exact figures from the read model.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import type { RecordTransitionInput } from '../activities/types.ts';
import { caseEventKinds } from './caseEvents.ts';

export interface WorkerMetrics {
  registry: Registry;
  /** Counts one recorded audit event of a workflow type. */
  recorded(workflowType: string, input: RecordTransitionInput): void;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] });
  const events = counter('sigap_case_events_total', 'Audit events recorded, by workflow type and action', ['workflow', 'action']);
  const started = counter('sigap_cases_started_total', 'Cases whose workflow started, by workflow type', ['workflow']);
  const closed = counter('sigap_cases_closed_total', 'Cases closed, by workflow type and final state', ['workflow', 'state']);
  const breaches = counter('sigap_sla_breaches_total', 'Targets missed (SLA breaches, overdue steps), by workflow type and event', ['workflow', 'action']);
  const escalations = counter('sigap_escalations_total', 'Escalations to a higher role, by workflow type and event', ['workflow', 'action']);
  return {
    registry,
    recorded(workflow, input) {
      const kinds = caseEventKinds(input);
      events.inc({ workflow, action: input.action });
      if (kinds.started) started.inc({ workflow });
      if (kinds.closed) closed.inc({ workflow, state: input.snapshot.state });
      if (kinds.breach) breaches.inc({ workflow, action: input.action });
      if (kinds.escalation) escalations.inc({ workflow, action: input.action });
    },
  };
}

/** Activity inbound interceptor: after a successful recordTransition(s), count its events. */
export class CaseMetricsInterceptor implements ActivityInboundCallsInterceptor {
  private readonly metrics: WorkerMetrics;
  private readonly activityType: string;
  private readonly workflowType: string;

  constructor(metrics: WorkerMetrics, info: { activityType: string; workflowType?: string | undefined }) {
    this.metrics = metrics;
    this.activityType = info.activityType;
    this.workflowType = info.workflowType ?? 'none';
  }

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const result = await next(input);
    if (this.activityType === 'recordTransition') this.metrics.recorded(this.workflowType, input.args[0] as RecordTransitionInput);
    if (this.activityType === 'recordTransitions') for (const event of input.args[0] as RecordTransitionInput[]) this.metrics.recorded(this.workflowType, event);
    return result;
  }
}
