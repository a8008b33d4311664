// The periodic incident review (Reviu Berkala Gangguan), spec §3; serang BAB IV B.3.5 («pemeriksaan
// berkala sedikitnya dua kali dalam setahun»), yogyakarta Tabel 6, kemenkeu F.3.b.1 and b.7, dpr
// Pasal 20 huruf f. For one period it scans the tenant's incidents with SQL aggregates for recurring
// patterns (same service and category, or same configuration item, at least N times) and for
// unresolved incidents, opens a problem for each new finding (once: a re-run joins the open problem
// or finds the incidents already handled), and reports to the service owner (serang B.3.5 c).
// Started by a Temporal Schedule per tenant (1 January and 1 July, 00:00 in the tenant's time zone,
// for the half-year just ended) or on demand by POST /api/v1/problem-reviews.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ProblemActivities, ScanFinding, SigapActivities } from '../activities/types.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  periodEndedBy, problemRoles, recurrenceThreshold, reviewIntervalMonths, type FindingOutcome, type ReviewPeriod,
} from '../policy/problem.ts';
import type { Person } from '../policy/requestFulfilment.ts';
import type { Source } from '../policy/profile.ts';
import { startOrJoinProblem } from './problem.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { SA } from './searchAttributes.ts';

const { recordTransition, notify } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { loadReviewContext, beginProblemReview, scanIncidentsForReview, openProblemForFinding } = proxyActivities<ProblemActivities>({ ...ACTIVITY_OPTIONS, startToCloseTimeout: '2 minutes' });

const FINDING_TEXT = {
  recurrence_service_category: { kindId: 'berulang (layanan dan kategori sama)', kindEn: 'recurring (same service and category)' },
  recurrence_configuration_item: { kindId: 'berulang (item konfigurasi sama)', kindEn: 'recurring (same configuration item)' },
  unresolved: { kindId: 'belum terselesaikan tuntas', kindEn: 'not fully resolved' },
} as const;
const OUTCOME_TEXT = {
  opened: { outcomeId: 'masalah baru dibuka', outcomeEn: 'new problem opened' },
  existing: { outcomeId: 'ditautkan ke masalah yang sedang ditangani', outcomeEn: 'linked to the open problem' },
  already_handled: { outcomeId: 'sudah ditangani sebelumnya', outcomeEn: 'already handled' },
} as const;

/** The server sets this on every workflow a Schedule starts: the time the action was due. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface ProblemReviewInput {
  tenantId: string;
  trigger: 'schedule' | 'manual';
  /** Omitted by the Schedule: the period that ended when the action was due. */
  period?: ReviewPeriod | null;
  requestedBy?: Person | null;
  /** The review's case id (the API passes one so it can point at the case at once). */
  caseId?: string | null;
}

export interface ReviewFindingResult {
  key: string;
  kind: ScanFinding['kind'];
  service: string | null;
  category: string | null;
  configurationItem: string | null;
  count: number;
  incidents: string[];
  outcome: FindingOutcome;
  problem: { caseId: string; number: string } | null;
}

export interface ProblemReviewResult {
  caseId: string;
  number: string;
  period: ReviewPeriod;
  threshold: { value: number; source: Source };
  totals: { incidents: number; closed: number; open: number };
  findings: ReviewFindingResult[];
}

export async function problemReview(input: ProblemReviewInput): Promise<ProblemReviewResult> {
  const context = await loadReviewContext({ tenantId: input.tenantId });
  const profile = effectiveProfile(context.profileId, context.profileOverrides ?? undefined);
  const roles = problemRoles(profile);
  const interval = reviewIntervalMonths(profile) ?? 6;
  const due = scheduledAt() ?? Date.now();
  const period = input.period ?? periodEndedBy(due, profile.timezone, interval);
  const threshold = recurrenceThreshold(profile);
  const caseId = input.caseId ?? uuid4();
  const reportRole = roles.reportTo ?? roles.performer;
  const requestedBy = input.requestedBy ?? null;
  let seq = 0;
  let state: 'running' | 'completed' = 'running';
  let totals = { incidents: 0, closed: 0, open: 0 };
  const findings: ReviewFindingResult[] = [];
  const title = `Reviu berkala gangguan ${period.label.id} / Periodic incident review ${period.label.en}`;

  const review = await beginProblemReview({
    tenantId: input.tenantId, caseId, workflowId: workflowInfo().workflowId, at: Date.now(), timezone: profile.timezone, title,
    requestedBy: requestedBy?.username ?? 'system', data: data(),
  });
  await project('started', { trigger: input.trigger, period: periodView(), threshold, scheduledAt: new Date(due).toISOString() });

  const scan = await scanIncidentsForReview({ tenantId: input.tenantId, from: period.from, to: period.to, threshold: threshold.value });
  totals = scan.totals;
  await project('scanned', { totals, recurring: scan.findings.filter((f) => f.kind !== 'unresolved').length, unresolved: scan.findings.filter((f) => f.kind === 'unresolved').length });

  for (const finding of scan.findings) {
    const result = await openProblemForFinding({
      tenantId: input.tenantId, review, period: { id: period.id, from: period.from, to: period.to, label: period.label.id }, finding,
    });
    await startOrJoinProblem(result, { kind: 'review', caseId: review.caseId, number: review.number }, 'system');
    const entry: ReviewFindingResult = {
      key: finding.key, kind: finding.kind, service: finding.service, category: finding.category, configurationItem: finding.configurationItem,
      count: finding.count, incidents: finding.incidents.map((i) => i.number), outcome: result.outcome,
      problem: result.problem ? { caseId: result.problem.caseId, number: result.problem.number } : null,
    };
    findings.push(entry);
    await project('finding', { ...entry, newIncidents: result.newIncidents.map((i) => i.number) });
  }

  // serang B.3.5 c: the review is reported to the service owner (Penyedia Layanan); one report per
  // service with findings, or one saying there were none.
  const services = [...new Set(findings.map((f) => f.service ?? '-'))].sort();
  for (const service of services.length ? services : ['-']) {
    const mine = findings.filter((f) => (f.service ?? '-') === service);
    await notify({
      dedupeKey: `${review.caseId}:problem-review-report:${service}`, tenantId: input.tenantId, caseId: review.caseId, template: 'problem-review-report',
      toRoles: [reportRole], toUsers: requestedBy ? [requestedBy.username] : [],
      params: {
        number: review.number, period: period.label.id, periodEn: period.label.en, service, threshold: threshold.value,
        incidents: totals.incidents, open: totals.open, findings: mine.map((f) => ({ ...f, ...FINDING_TEXT[f.kind], ...OUTCOME_TEXT[f.outcome], subject: f.category ?? f.configurationItem ?? '-', incidents: f.incidents.join(', '), problem: f.problem?.number ?? '-' })),
        hasFindings: mine.length > 0,
      },
    });
  }
  state = 'completed';
  await project('completed', {
    opened: findings.filter((f) => f.outcome === 'opened').length, existing: findings.filter((f) => f.outcome === 'existing').length,
    alreadyHandled: findings.filter((f) => f.outcome === 'already_handled').length, reportedTo: reportRole,
  });
  return { caseId: review.caseId, number: review.number, period, threshold, totals, findings };

  function periodView() {
    return { id: period.id, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), label: period.label };
  }

  function data(): Record<string, unknown> {
    return {
      period: periodView(), trigger: input.trigger, requestedBy, threshold, performerRole: roles.performer, reportToRole: reportRole,
      totals, findings, status: state,
    };
  }

  async function project(action: string, payload: Record<string, unknown>): Promise<void> {
    seq += 1;
    await recordTransition({
      caseId: review.caseId, tenantId: input.tenantId, seq, at: Date.now(), actor: 'system', actorRole: null, action, payload,
      snapshot: {
        state, priority: null, assignee: null, waitingFor: [], sla: [], dueAt: null, breached: false, slaMet: null,
        closedAt: state === 'completed' ? new Date(Date.now()).toISOString() : null, data: data(),
      },
    });
    if (workflowInfo().typedSearchAttributes.get(SA.tenant) !== undefined) upsertSearchAttributes([{ key: SA.state, value: state }]);
  }
}

/** When a Schedule started this run: the action's due time (a caught-up run still reviews the period due). */
function scheduledAt(): number | null {
  const at = workflowInfo().typedSearchAttributes.get(SCHEDULED_START);
  return at instanceof Date ? at.getTime() : null;
}
