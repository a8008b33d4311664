// Disaster recovery (Pemulihan Bencana), serang BAB IV C.3 (Tabel 4.3–4.4), yogyakarta Tabel 8,
// kemenkeu Lampiran II G.2. The assessment steps are recorded by their roles (with the step's minimum
// eselon), the declaration by the declaration step's roles; a scenario handled as an incident hands
// over to incident handling. From the declaration each affected service's RTO clock runs in calendar
// time (warnings, then `rto_missed` with a finding at the deadline), the last good backups give the
// RPO data-loss window, a real disaster opens downtime (an exercise never does), and the recovery
// coordinator is reminded to report progress every `progressUpdateEvery` until normalisation
// (serang C.3.4). The evaluation renders Formulir G (serang C.3.6) and closes the case.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy, proxyActivities, setHandler, startChild,
} from '@temporalio/workflow';
import type { SigapActivities } from '../activities/types.ts';
import type { BusinessCalendar } from '../policy/calendarTypes.ts';
import {
  applyDisasterCommand, continuityGaps, declarationStep, disasterRefusal, disasterSnapshot, drpEvaluationReport, drpRunByRole,
  fireProgressReminder, fireRtoThreshold, isDisasterClosed, missingAssessments, newDisasterCase, nextRtoThreshold, progressReminderDueAt,
  rtoDeadline, rtoMet, rtoMissedRoles, scenarioRoles, stakeholderRoles, withBackups, withEvaluationDocument, withIncident,
  type DisasterCase, type DisasterCommand, type DisasterInput, type DisasterSnapshot, type DrpEvaluationReport, disasterActingRole,
} from '../policy/disaster.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import type { Actor } from '../policy/requestFulfilment.ts';
import { ACTIVITY_OPTIONS } from './activityOptions.ts';
import { caseNotice, recordCaseEvent, refusalFailure, waitForWork } from './caseEffects.ts';
import { createInbox, type Taken } from './inbox.ts';
import { incident } from './incident.ts';
import {
  calendarChangedSignal, disasterActUpdate, disasterStateQuery, type ActCommand, type ActResult,
} from './messages.ts';
import { searchAttributesEnabled } from './projection.ts';
import { SA } from './searchAttributes.ts';
import { actingOf } from '../policy/delegation.ts';

/**
 * The disaster activities (implemented in activities/disasters.ts). Declared here as the contract the
 * workflow calls; activities/disasters.ts's `DisasterActivities` carries the same four functions.
 */
export interface DisasterWorkflowActivities {
  lastGoodBackups(req: { tenantId: string; services: string[]; at: number }): Promise<Record<string, { at: number; reportedBy: string; source: 'manual' | 'integration' } | null>>;
  openDisasterDowntime(req: { tenantId: string; caseId: string; number: string; services: string[]; startsAt: number; cause: string }): Promise<void>;
  endDisasterDowntime(req: { tenantId: string; caseId: string; service: string; endsAt: number }): Promise<void>;
  renderDrpEvaluation(req: { tenantId: string; caseId: string; number: string; report: DrpEvaluationReport }): Promise<{ documentId: string; sha256: string }>;
}

const { notify, recordFinding, openLinkedIncident } = proxyActivities<SigapActivities>(ACTIVITY_OPTIONS);
const { lastGoodBackups, openDisasterDowntime, endDisasterDowntime, renderDrpEvaluation } = proxyActivities<DisasterWorkflowActivities>(ACTIVITY_OPTIONS);

const SYSTEM: Actor = { username: 'system', name: 'Sigap', roles: [] };

export async function disaster(input: DisasterInput): Promise<DisasterSnapshot> {
  const profile = effectiveProfile(input.profileId, input.profileOverrides);
  let kase: DisasterCase = newDisasterCase(input, profile);
  const inbox = createInbox<ActCommand<DisasterCommand>, ActResult<DisasterSnapshot>>();
  const calendars: BusinessCalendar[] = [];
  const exercise = input.mode === 'exercise';
  const runner = drpRunByRole(profile);
  const stakeholders = stakeholderRoles(profile);
  const reporter = input.reporter.username.startsWith('apikey:') || input.reporter.username === 'system' ? [] : [input.reporter.username];

  setHandler(disasterStateQuery, () => kase);
  setHandler(calendarChangedSignal, (calendar) => { calendars.push(calendar); });
  setHandler(disasterActUpdate, (cmd) => inbox.submit(cmd), {
    validator: (cmd) => {
      const { refusal } = acting(cmd);
      if (refusal) throw refusalFailure(refusal);
    },
  });

  await project('started', SYSTEM, null, {
    mode: input.mode, services: input.services.map((s) => s.code), scenario: input.scenario, origin: input.origin,
    occurredAt: iso(input.occurredAt),
  });
  await tell('disaster-reported', 'started', { toRoles: [...scenarioRoles(profile), runner, ...declarationStep(profile).roles] });
  if (missingAssessments(kase, profile).length === 0) await askForDeclaration();

  while (!isDisasterClosed(kase)) {
    const due = nextDue();
    const woken = () => inbox.waiting || calendars.length > 0;
    await waitForWork(woken, due);

    const calendar = calendars.splice(0).at(-1);
    if (calendar) {
      kase = { ...kase, calendar };
      await project('calendar_changed', SYSTEM, null, { version: calendar.version });
    }
    await fireDue();
    const command = inbox.take();
    if (command) await handle(command);
  }
  return disasterSnapshot(kase, profile, Date.now());

  function nextDue(): number | null {
    const times = [nextRtoThreshold(kase)?.dueAt ?? null, progressReminderDueAt(kase)].filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }

  async function fireDue(): Promise<void> {
    for (let next = nextRtoThreshold(kase); next && next.dueAt <= Date.now(); next = nextRtoThreshold(kase)) {
      const { service, threshold: t } = next;
      kase = fireRtoThreshold(kase, service, t, Date.now());
      const deadline = iso(rtoDeadline(kase, service)!);
      const name = serviceName(service);
      if (t.kind !== 'breach') {
        await project('rto_warning', SYSTEM, null, { service, threshold: t.id, deadline });
        await tell('disaster-rto-warning', `${service}:${t.id}`, { toRoles: [runner], params: { service: name, deadline } });
        continue;
      }
      await project('rto_missed', SYSTEM, null, { service, deadline });
      await tell('disaster-rto-missed', service, { toRoles: rtoMissedRoles(profile), params: { service: name, deadline } });
      await finding(exercise ? 'drp_test_rto_missed' : 'rto_missed', 'high', service, {
        id: `${exercise ? 'Uji coba DRP' : 'Bencana'} ${input.number}: layanan ${name} belum pulih sampai batas RTO ${deadline}`,
        en: `${exercise ? 'DRP exercise' : 'Disaster'} ${input.number}: service ${name} was not recovered by its RTO deadline ${deadline}`,
      }, { service, deadline, baseAt: iso(kase.baseAt!) });
    }
    const progressDue = progressReminderDueAt(kase);
    if (progressDue !== null && progressDue <= Date.now()) {
      kase = fireProgressReminder(kase, profile);
      const last = kase.progress.at(-1)?.at ?? kase.declaredAt;
      await project('progress_reminder', SYSTEM, null, { dueAt: iso(progressDue), lastProgressAt: last === null ? null : iso(last), next: iso(kase.progressDueAt!) });
      await tell('disaster-progress-reminder', String(kase.progressReminders), { toRoles: [runner], params: { lastProgressAt: last === null ? null : iso(last) } });
    }
  }

  /** Who acts, in which role, and whether the case refuses it now (the workflow names the role). */
  function acting(cmd: ActCommand<DisasterCommand>) {
    return actingOf(cmd, Date.now(), (a) => disasterRefusal(kase, cmd.command, a, profile, Date.now()), (a) => disasterActingRole(cmd.command, a, profile, cmd.fallbackRole));
  }

  async function handle({ item, answer }: Taken<ActCommand<DisasterCommand>, ActResult<DisasterSnapshot>>): Promise<void> {
    const { command, updateId } = item;
    const { actor, actingRole, refusal } = acting(item);
    if (refusal) { answer(refusalFailure(refusal)); return; }
    const before = kase;
    kase = applyDisasterCommand(kase, command, actor, profile, Date.now());
    const { action: _a, ...payload } = command;
    const extra: Record<string, unknown> = {};
    if (command.action === 'declare' && kase.state === 'declared') {
      await loadBackups();
      Object.assign(extra, {
        baseAt: iso(kase.baseAt!), rto: Object.fromEntries(input.services.filter((s) => s.rtoMs !== null).map((s) => [s.code, iso(rtoDeadline(kase, s.code)!)])),
      });
    }
    if (command.action === 'hand_to_incident') {
      const linked = await handToIncident(actor);
      kase = withIncident(kase, linked);
      Object.assign(extra, { incident: linked });
    }
    if (command.action === 'confirm_recovery') Object.assign(extra, { recoveredAt: iso(kase.services.find((s) => s.code === command.service)!.recoveredAt!), rtoMet: rtoMet(kase, command.service) });
    if (command.action === 'evaluate') {
      const doc = await renderDrpEvaluation({ tenantId: input.tenantId, caseId: input.caseId, number: input.number, report: drpEvaluationReport(kase, profile) });
      kase = withEvaluationDocument(kase, doc);
      Object.assign(extra, { documentId: doc.documentId });
    }
    await project(command.action, actor, actingRole, { ...payload, ...extra, ...(updateId ? { updateId } : {}), from: before.state, to: kase.state });
    await afterwards(command, before, actor);
    answer({ seq: kase.seq, snapshot: disasterSnapshot(kase, profile, Date.now()) });
  }

  async function afterwards(command: DisasterCommand, before: DisasterCase, actor: Actor): Promise<void> {
    const key = String(kase.seq);
    switch (command.action) {
      case 'record_assessment':
        if (missingAssessments(before, profile).length > 0 && missingAssessments(kase, profile).length === 0) await askForDeclaration();
        return;
      case 'declare':
        if (kase.state === 'not_declared') {
          return tell('disaster-not-declared', key, { toRoles: [runner], toUsers: reporter, params: { reasons: command.reasons, by: actor.name } });
        }
        return onDeclared(command.reasons, actor);
      case 'hand_to_incident':
        return tell('disaster-handed-to-incident', key, {
          toRoles: [profile.requestFulfilment.serviceDeskRole, runner], toUsers: reporter,
          params: { reason: command.reason, incident: kase.handover?.incident?.number ?? null },
        });
      case 'activate_drc':
        return tell('disaster-drc-activated', key, { toRoles: stakeholders, toUsers: reporter, params: { note: command.note } });
      case 'confirm_recovery': {
        const rec = kase.services.find((s) => s.code === command.service)!;
        if (!exercise) await endDisasterDowntime({ tenantId: input.tenantId, caseId: input.caseId, service: command.service, endsAt: rec.recoveredAt! });
        return tell('disaster-service-recovered', key, {
          toRoles: [runner, ...stakeholders], toUsers: reporter,
          params: { service: serviceName(command.service), recoveredAt: iso(rec.recoveredAt!), rtoMet: rtoMet(kase, command.service), rtoKnown: rtoMet(kase, command.service) !== null, note: command.note },
        });
      }
      case 'post_progress':
        return tell('disaster-progress', key, { toRoles: stakeholders, toUsers: reporter, params: { message: command.message, by: actor.name } });
      case 'normalise':
        return tell('disaster-normalised', key, { toRoles: [runner, ...stakeholders], toUsers: reporter, params: { note: command.note } });
      case 'evaluate':
        return tell('disaster-evaluated', key, {
          toRoles: [runner, ...stakeholders.filter((r) => r === 'head_of_unit' || r === 'service_owner')],
          params: { documentId: kase.evaluation?.documentId ?? null, by: actor.name },
        });
      case 'cancel':
        return tell('disaster-cancelled', key, { toRoles: [runner], toUsers: reporter, params: { reason: command.reason, by: actor.name } });
      default:
        return;
    }
  }

  async function askForDeclaration(): Promise<void> {
    await tell('disaster-declaration-needed', `declaration-${kase.seq}`, { toRoles: declarationStep(profile).roles });
  }

  /** The latest backup at or before the base per service (a backup reported during the assessment stays). */
  async function loadBackups(): Promise<void> {
    const found = await lastGoodBackups({ tenantId: input.tenantId, services: input.services.map((s) => s.code), at: kase.baseAt! });
    const fresh = Object.fromEntries(Object.entries(found).filter(([code]) => kase.services.find((s) => s.code === code)?.lastGoodBackup === null));
    kase = withBackups(kase, fresh);
  }

  async function onDeclared(reasons: string, actor: Actor): Promise<void> {
    const gaps = continuityGaps(input, profile);
    if (!exercise) {
      await openDisasterDowntime({
        tenantId: input.tenantId, caseId: input.caseId, number: input.number, services: input.services.map((s) => s.code),
        startsAt: kase.baseAt!, cause: `${input.title} (${input.number})`,
      });
      if (gaps.length) {
        await finding('continuity_gaps', 'high', 'all', {
          id: `Bencana ${input.number}: layanan kritis tanpa RTO/RPO atau DRP yang disetujui: ${gaps.map((g) => `${g.service} (${g.missing.join(', ')})`).join('; ')}`,
          en: `Disaster ${input.number}: critical services without RTO/RPO or an approved DRP: ${gaps.map((g) => `${g.service} (${g.missing.join(', ')})`).join('; ')}`,
        }, { gaps });
      }
    }
    const deadlines = input.services.filter((s) => s.rtoMs !== null).map((s) => `${s.name}: ${iso(rtoDeadline(kase, s.code)!)}`).join('; ') || '-';
    await tell('disaster-declared', String(kase.seq), {
      toRoles: [runner, ...stakeholders], toUsers: reporter, params: { reasons, by: actor.name, baseAt: iso(kase.baseAt!), deadlines },
    });
  }

  /** serang Tabel 4.3 / C.3.2: handled as an incident — the originating incident continues, else a Mayor incident is opened. */
  async function handToIncident(actor: Actor): Promise<{ caseId: string; number: string }> {
    if (input.origin?.type === 'incident') return { caseId: input.origin.caseId, number: input.origin.number };
    const first = input.services[0]!;
    const linked = await openLinkedIncident({
      tenantId: input.tenantId, from: { caseId: input.caseId, number: input.number, type: 'disaster' },
      reporter: { username: input.reporter.username, name: input.reporter.name }, actor: actor.username,
      symptoms: `${input.title}\n\n${input.description}`,
      // A service struck hard enough to be assessed as a disaster is treated as public-facing (Sigap default:
      // DisasterServiceRef carries no service type), impact Mayor.
      incident: { service: { code: first.code, name: first.name, serviceType: 'publik', classification: first.classification }, impact: 'mayor', category: 'disaster' },
      channel: 'portal',
    });
    try {
      await startChild(incident, {
        workflowId: linked.workflowId, args: [linked.input], parentClosePolicy: ParentClosePolicy.ABANDON,
        ...(searchAttributesEnabled() ? { typedSearchAttributes: [
          { key: SA.tenant, value: input.tenantId }, { key: SA.caseType, value: 'incident' }, { key: SA.caseNumber, value: linked.number },
          { key: SA.service, value: first.code }, { key: SA.state, value: 'submitted' },
        ] } : {}),
      });
    } catch (err) {
      // The intake's reconciler may have started it first; either way it runs once.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return { caseId: linked.caseId, number: linked.number };
  }

  function serviceName(code: string): string {
    return input.services.find((s) => s.code === code)?.name ?? code;
  }

  async function finding(kind: string, severity: 'low' | 'medium' | 'high', scope: string, summary: { id: string; en: string }, detail: Record<string, unknown>): Promise<void> {
    await recordFinding({
      dedupeKey: `${input.caseId}:${kind}:${scope}`, tenantId: input.tenantId, caseId: input.caseId, caseNumber: input.number, process: 'disaster', kind, severity,
      summary, detail: { mode: input.mode, services: input.services.map((s) => s.code), ...detail }, at: Date.now(),
    });
    await project('finding_recorded', SYSTEM, null, { kind, severity, scope });
  }

  async function tell(template: string, key: string, to: { toRoles?: string[]; toUsers?: string[]; params?: Record<string, unknown> }): Promise<void> {
    await notify(caseNotice(input, template, key, to, {
      number: input.number, title: input.title, exercise, services: input.services.map((s) => s.name).join(', '),
      reporter: input.reporter.name, state: kase.state, occurredAt: iso(input.occurredAt), ...to.params,
    }));
  }

  async function project(action: string, actor: Actor, actingRole: string | null, payload: Record<string, unknown>): Promise<void> {
    kase = { ...kase, seq: kase.seq + 1 };
    await recordCaseEvent(input, kase.seq, actor, actingRole, action, payload, disasterSnapshot(kase, profile, Date.now()));
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

