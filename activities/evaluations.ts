// Activities of the semester evaluation (serang BAB IV E, Formulir I): the period's figures (SQL
// aggregates, db/evaluationFigures.ts), the case's intake (written once per period, shared with the
// API's on-demand evaluation) and publishing: the follow-up actions become improvement_action rows
// (once per item, by the unique index on (evaluation, chapter, item)) and Formulir I is rendered
// through the report engine in Bahasa Indonesia and English and stored as the case's document.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { computeEvaluationFigures as figuresOf } from '../db/evaluationFigures.ts';
import { gatherMaturityEvidence } from '../db/maturityEvidence.ts';
import { writeIntake } from '../db/intake.ts';
import { nextCaseNumber } from '../db/counters.ts';
import { effectiveProfile } from '../policy/effectiveProfile.ts';
import {
  evaluationRoles, evaluationSnapshot, newEvaluationCase, type EvaluationInput, type FollowUpPlan, type FormulirIData,
} from '../policy/evaluation.ts';
import type { EvaluationFigures, EvaluationPeriod } from '../policy/evaluationFigures.ts';
import { assessMaturity, type MaturityAssessment } from '../policy/maturity.ts';
import type { Profile } from '../policy/profile.ts';
import { derivedDocumentId, storeReportDocument } from './documents.ts';
import { evaluationReportModel } from '../reports/models/managementReview.ts';
import type { ActivityDeps } from './index.ts';

export const EVALUATION_DOCUMENT_KIND = 'evaluation_report';
/** Improvement actions are numbered TL-<year>-000001 (Tindak Lanjut), one sequence per tenant and year. */
export const IMPROVEMENT_PREFIX = 'TL';
export const IMPROVEMENT_COUNTER = 'improvement';

interface TenantRow { name: string; timezone: string; profile_id: string; profile_overrides: Record<string, unknown> | null }

async function loadTenantRow(em: EntityManager, tenantId: string): Promise<TenantRow> {
  const [tenant] = await em.execute<TenantRow[]>('select name, timezone, profile_id, profile_overrides from tenant where id = ?', [tenantId]);
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  return tenant;
}

// ---- the intake ------------------------------------------------------------------------------------------

export interface OpenEvaluationInput {
  tenantId: string;
  period: EvaluationPeriod;
  trigger: 'schedule' | 'manual';
  requestedBy?: { username: string; name: string; role: string } | null;
  at?: number;
}
export interface OpenedEvaluation { caseId: string; number: string; workflowId: string; input: EvaluationInput; created: boolean }

export const evaluationIdempotencyKey = (period: Pick<EvaluationPeriod, 'fromDate' | 'toDate'>) => `evaluation:${period.fromDate}:${period.toDate}`;

interface Existing { case_id: string; workflow_id: string; number: string; body: { input: EvaluationInput } }

/** The evaluation of a period, if one was opened (any trigger). */
export async function findEvaluationOf(em: EntityManager, tenantId: string, period: Pick<EvaluationPeriod, 'fromDate' | 'toDate'>): Promise<Existing | undefined> {
  return (await em.execute<Existing[]>(
    `select s.case_id, s.workflow_id, c.number, s.body from submission s join sigap_case c on c.id = s.case_id
     where s.tenant_id = ? and s.principal = 'system' and s.idempotency_key = ?`, [tenantId, evaluationIdempotencyKey(period)]))[0];
}

/**
 * Writes the intake of the period's `evaluation` case once (idempotency key
 * evaluation:<fromDate>:<toDate>, principal 'system'): a second call returns the case already written.
 */
export async function openEvaluationIntake(orm: MikroORM, req: OpenEvaluationInput): Promise<OpenedEvaluation> {
  const result = (e: Existing): OpenedEvaluation => ({ caseId: e.case_id, number: e.number, workflowId: e.workflow_id, input: e.body.input, created: false });
  const found = await findEvaluationOf(orm.em.fork(), req.tenantId, req.period);
  if (found) return result(found);
  const em = orm.em.fork();
  const tenant = await loadTenantRow(em, req.tenantId);
  const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
  const at = req.at ?? Date.now();
  const key = evaluationIdempotencyKey(req.period);
  try {
    const written = await writeIntake<EvaluationInput>(em, {
      kind: 'evaluation', tenantId: req.tenantId, at, timezone: profile.timezone,
      input: ({ caseId, number, at: openedAt, calendar }) => ({
        caseId, tenantId: req.tenantId, profileId: profile.id, profileOverrides: tenant.profile_overrides ?? undefined, number,
        period: req.period, trigger: req.trigger, requestedBy: req.requestedBy ? { username: req.requestedBy.username, name: req.requestedBy.name } : null,
        openedAt, calendar,
      }),
      row: (input) => {
        const snap = evaluationSnapshot(newEvaluationCase(input, profile), profile, input.openedAt);
        return {
          serviceCode: null, title: `Laporan Evaluasi ${req.period.title.id} / Evaluation report ${req.period.title.en}`, state: snap.state, priority: null,
          requester: req.requestedBy?.username ?? 'system', waitingFor: snap.waitingFor, sla: snap.sla, dueAt: snap.dueAt,
          data: snap.data as unknown as Record<string, unknown>, links: [],
        };
      },
      event: {
        actor: req.requestedBy?.username ?? 'system', actorRole: req.requestedBy?.role ?? evaluationRoles(profile).approvedBy,
        payload: { period: req.period.label ?? `${req.period.fromDate}..${req.period.toDate}`, from: req.period.fromDate, to: req.period.toDate, trigger: req.trigger },
      },
      submission: { idempotencyKey: key, principal: 'system', requestHash: key },
    });
    const [{ number } = { number: '' }] = await em.execute<Array<{ number: string }>>('select number from sigap_case where id = ?', [written.caseId]);
    return { caseId: written.caseId, number, workflowId: written.workflowId, input: written.input, created: true };
  } catch (err) {
    const again = await findEvaluationOf(orm.em.fork(), req.tenantId, req.period); // a concurrent attempt won the unique key
    if (again) return result(again);
    throw err;
  }
}

// ---- publishing ----------------------------------------------------------------------------------------------

/** The id of an evaluation's Formulir I: derived from the case, so a retried activity finds the one it stored. */
export function evaluationDocumentId(caseId: string): string {
  return derivedDocumentId('formulir-i', caseId);
}

export interface PublishEvaluationInput {
  tenantId: string;
  caseId: string;
  number: string;
  profileId: string;
  profileOverrides?: Record<string, unknown> | undefined;
  data: FormulirIData;
  followUps: Array<FollowUpPlan & { chapter: string; index: number }>;
  approvedBy: string;
}
export interface PublishedEvaluation { document: { documentId: string; sha256: string }; createdActions: FormulirIData['createdActions']; maturity: MaturityAssessment | null }

/** Inserts one improvement action per follow-up item that has none yet; returns every action of the evaluation. */
export async function insertFollowUpActions(em: EntityManager, req: Pick<PublishEvaluationInput, 'tenantId' | 'caseId' | 'followUps' | 'approvedBy'>, timezone: string, at: number) {
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: timezone }).format(at));
  await em.transactional(async (tx) => {
    // Serialises a retried activity racing itself: the unique index would refuse the second insert anyway.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`improvement:${req.caseId}`]);
    const have = new Set((await tx.execute<Array<{ chapter: string; item_index: number }>>(
      'select chapter, item_index from improvement_action where evaluation_case_id = ?', [req.caseId])).map((r) => `${r.chapter}#${r.item_index}`));
    for (const f of req.followUps) {
      if (have.has(`${f.chapter}#${f.index}`)) continue;
      const number = await nextCaseNumber(tx, req.tenantId, IMPROVEMENT_COUNTER, IMPROVEMENT_PREFIX, year);
      await tx.execute(
        `insert into improvement_action (id, tenant_id, number, origin, evaluation_case_id, chapter, item_index, description, owner_role, due_on, created_by, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, 'evaluation', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [req.tenantId, number, req.caseId, f.chapter, f.index, f.description, f.ownerRole, f.dueOn, req.approvedBy, new Date(at).toISOString(), new Date(at).toISOString()]);
    }
  });
  const rows = await em.execute<Array<{ number: string; chapter: string; description: string; due_on: string | null }>>(
    `select number, chapter, description, to_char(due_on, 'YYYY-MM-DD') as due_on from improvement_action where evaluation_case_id = ? order by chapter, item_index`, [req.caseId]);
  return rows.map((r) => ({ number: r.number, chapter: r.chapter, description: r.description, dueOn: r.due_on }));
}

/** The maturity shown in Formulir I at publication, from the records (indicator 28). */
export type MaturityOf = (em: EntityManager, req: { tenantId: string; profile: Profile; at: number }) => Promise<MaturityAssessment | null>;

export const maturityFromRecords: MaturityOf = async (em, req) => assessMaturity(req.profile, await gatherMaturityEvidence(em, { tenantId: req.tenantId, profile: req.profile, at: req.at }));

export interface EvaluationActivityOptions {
  maturity?: MaturityOf | undefined;
  now?: (() => number) | undefined;
}

export function createEvaluationActivities(deps: Pick<ActivityDeps, 'orm'>, options: EvaluationActivityOptions = {}) {
  const orm = deps.orm;
  const maturityOf = options.maturity ?? maturityFromRecords;
  const now = options.now ?? Date.now;
  return {
    /** The period's figures by SQL aggregates; `at` ends open outages (the evaluation's opening instant). */
    async computeEvaluationFigures(req: { tenantId: string; period: EvaluationPeriod; at: number }): Promise<EvaluationFigures> {
      const em = orm.em.fork();
      const tenant = await loadTenantRow(em, req.tenantId);
      const profile = effectiveProfile(tenant.profile_id, tenant.profile_overrides ?? undefined);
      return figuresOf(em, { tenantId: req.tenantId, profile, period: req.period, now: req.at });
    },

    /** The period's `evaluation` case, written once; the kickoff then starts it as a child. */
    async openEvaluation(req: OpenEvaluationInput): Promise<OpenedEvaluation> {
      return openEvaluationIntake(orm, req);
    },

    /**
     * Publishes an approved evaluation: its follow-up actions (once each), then Formulir I with their
     * numbers and the maturity assessment, stored once as the case's document (kind evaluation_report).
     */
    async publishEvaluation(req: PublishEvaluationInput): Promise<PublishedEvaluation> {
      const em = orm.em.fork();
      const tenantRow = await loadTenantRow(em, req.tenantId);
      const profile = effectiveProfile(req.profileId, req.profileOverrides);
      const at = req.data.approval ? Date.parse(req.data.approval.at) : now();
      const createdActions = await insertFollowUpActions(em, req, tenantRow.timezone, at);
      const maturity = await maturityOf(em, { tenantId: req.tenantId, profile, at });
      const document = await storeReportDocument(orm, {
        tenantId: req.tenantId, caseId: req.caseId, documentId: evaluationDocumentId(req.caseId), kind: EVALUATION_DOCUMENT_KIND, now: at,
        // kemenkeu's management review and everyone else's Formulir I come from the same builder.
        build: () => evaluationReportModel({ ...req.data, createdActions, maturity }, profile),
      });
      return { document, createdActions, maturity };
    },
  };
}

export type EvaluationActivities = ReturnType<typeof createEvaluationActivities>;
