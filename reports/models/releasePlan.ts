// Formulir H – Dokumen Rencana Rilis (serang BAB IV D.3.2–D.3.8; the Lampiran gives no form,
// «Formulir tidak disediakan», so the layout follows D.3.4 a–d and D.3.5–3.6): a. the release window
// and expected downtime, b. the contents (software, components, documentation), c. the method and
// the implementation steps, d. the evaluation criteria; the contingency plan (rollback steps), the
// approval, and — once executed — the outcome and the post-implementation review (D.3.8). Built
// from the release case's read model (policy/release.ts releaseSnapshot), GET /reports/h?case=RLS-….
import { z } from 'zod';
import type { Profile } from '../../policy/profile.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import type { EvaluationCriterion, RollbackStepSpec } from '../../policy/releasePlan.ts';
import type { LocalText, ReportDefinition, ReportModel, ReportTable } from '../types.ts';
import { caseFor } from './common/cases.ts';
import { both, NONE, roleTitle, textOr } from './common/text.ts';

const TITLE: LocalText = { id: 'Formulir H – Dokumen Rencana Rilis', en: 'Form H – Release plan' };

export type Loose = Record<string, unknown>;
export const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const CONTENT_KINDS: Record<string, LocalText> = {
  software: { id: 'Perangkat lunak', en: 'Software' }, component: { id: 'Komponen / perangkat', en: 'Component / device' }, documentation: { id: 'Dokumentasi', en: 'Documentation' },
};

/** The release contents (serang D.3.4 b) as the templates print them. */
export function contentsOf(v: unknown): Array<{ kind: LocalText; name: string; version: string | null }> {
  return arr(v).map(obj).map((c) => ({ kind: CONTENT_KINDS[String(c.kind)] ?? both(String(c.kind ?? '')), name: String(c.name ?? ''), version: str(c.version) }));
}

const STEP_KINDS: Record<string, LocalText> = {
  http: { id: 'Otomatis (HTTP)', en: 'Automated (HTTP)' }, manual: { id: 'Manual', en: 'Manual' },
  http_check: { id: 'Pemeriksaan HTTP', en: 'HTTP check' },
};

/** Where an HTTP step goes, without query string or credentials (the plan's headers are never printed). */
function endpoint(url: string): string {
  try { const u = new URL(url); return `${u.origin}${u.pathname}`; } catch { return url; }
}

function stepRow(s: Loose, i: number) {
  const request = obj(s.request);
  const detail = s.kind === 'http' ? `${String(request.method ?? 'POST')} ${endpoint(String(request.url ?? ''))}` : String(s.instructions ?? '');
  return { no: i + 1, id: String(s.id ?? ''), title: String(s.title ?? ''), kind: STEP_KINDS[String(s.kind)] ?? both(String(s.kind)), detail };
}

function criterionRow(c: Loose, i: number) {
  const spec = c as unknown as EvaluationCriterion;
  const detail: LocalText = spec.kind === 'http_check'
    ? {
      id: `HTTP ${spec.expectStatus ?? 200} dari ${endpoint(spec.url)}${spec.bodyContains ? ` memuat «${spec.bodyContains}»` : ''}`,
      en: `HTTP ${spec.expectStatus ?? 200} from ${endpoint(spec.url)}${spec.bodyContains ? ` containing "${spec.bodyContains}"` : ''}`,
    }
    : both(String((spec as { description?: string }).description ?? ''));
  return { no: i + 1, id: String(c.id ?? ''), title: String(c.title ?? ''), kind: STEP_KINDS[String(c.kind)] ?? both(String(c.kind)), detail };
}

const OUTCOMES: Record<string, LocalText> = {
  succeeded: { id: 'Berhasil', en: 'Succeeded' },
  rolled_back: { id: 'Gagal; dikembalikan (rollback) ke kondisi semula', en: 'Failed; rolled back' },
  rollback_resolved: { id: 'Rollback gagal; diselesaikan manual oleh administrator', en: 'Rollback failed; resolved by hand by an administrator' },
  failed: { id: 'Gagal', en: 'Failed' },
};

const APPROVAL_MODES: Record<string, LocalText> = {
  none: { id: 'Tidak diperlukan (rilis standar)', en: 'Not required (standard release)' },
  before: { id: 'Sebelum pelaksanaan', en: 'Before execution' },
  after: { id: 'Sesudah pelaksanaan (darurat)', en: 'After execution (emergency)' },
};

const RELEASE_STATE_TEXT: Record<string, LocalText> = {
  awaiting_plan_approval: { id: 'Menunggu persetujuan rencana', en: 'Awaiting plan approval' },
  fitness_testing: { id: 'Uji kelayakan', en: 'Fitness testing' },
  awaiting_fitness_approval: { id: 'Menunggu persetujuan uji kelayakan', en: 'Awaiting fitness approval' },
  scheduled: { id: 'Terjadwal', en: 'Scheduled' },
  executing: { id: 'Sedang dilaksanakan', en: 'Executing' },
  verifying: { id: 'Evaluasi implementasi', en: 'Verifying' },
  rolling_back: { id: 'Rollback berjalan', en: 'Rolling back' },
  rollback_failed: { id: 'Rollback gagal', en: 'Rollback failed' },
  reviewing: { id: 'Evaluasi pasca-implementasi', en: 'Post-implementation review' },
  awaiting_retrospective_approval: { id: 'Menunggu persetujuan susulan', en: 'Awaiting retrospective approval' },
  awaiting_handover: { id: 'Menunggu serah terima', en: 'Awaiting handover' },
  maintenance: { id: 'Masa pemeliharaan', en: 'Maintenance period' },
  closed: { id: 'Selesai', en: 'Closed' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
};

const decisionText = (d: unknown): LocalText => (d === 'approve' ? { id: 'Disetujui', en: 'Approved' } : { id: 'Ditolak', en: 'Rejected' });

/** The Formulir H model of a release case (its number, state and read-model data). */
export function formulirHModel(row: { number: string; state: string; data: Loose }, profile: Profile): ReportModel {
  const d = row.data;
  const plan = obj(d.plan);
  const change = obj(d.change);
  const approval = obj(d.approval);
  const decision = approval.decision ? obj(approval.decision) : null;
  const specs = new Map(arr(plan.evaluationCriteria).map(obj).map((c) => [String(c.id), String(c.title ?? c.id)]));
  const methodId = String(plan.method ?? '');
  const method = profile.release?.deploymentMethods.find((m) => m.id === methodId)?.title ?? textOr(methodId, NONE);
  const category = profile.change?.categories.find((c) => c.id === change.category)?.title ?? both(String(change.category ?? '-'));
  const affected = obj(plan.affectedParties);
  const steps = arr(plan.steps).map(obj).map(stepRow);
  const criteria = arr(plan.evaluationCriteria).map(obj).map(criterionRow);
  const rollbackSteps = arr(plan.rollbackSteps).map(obj).map((s, i) => ({ ...stepRow(s, i), undoes: str((s as unknown as RollbackStepSpec).undoes) }));
  const review = d.review ? obj(d.review) : null;
  const fitness = arr(d.fitness).map(obj).flatMap((r) => arr(r.results).map(obj).map((x) => ({
    round: Number(r.round), test: String(x.test ?? ''), passed: x.passed === true, summary: String(x.summary ?? ''), performedAt: str(x.performedAt),
  })));
  const author = obj(d.author);
  const approverRole = str(approval.role);
  const expected = Number(plan.expectedDowntimeMinutes ?? 0);
  const tables: ReportTable[] = [
    {
      id: 'steps', title: { id: 'Metode dan aktivitas implementasi', en: 'Implementation steps' },
      columns: [
        { key: 'no', title: { id: 'No', en: 'No' }, kind: 'number' }, { key: 'title', title: { id: 'Langkah', en: 'Step' } },
        { key: 'kind', title: { id: 'Jenis', en: 'Kind' } }, { key: 'detail', title: { id: 'Rincian', en: 'Detail' } },
      ],
      rows: steps.map((s) => ({ no: s.no, title: s.title, kind: s.kind.id, detail: s.detail })),
    },
    {
      id: 'criteria', title: { id: 'Kriteria evaluasi implementasi', en: 'Evaluation criteria' },
      columns: [
        { key: 'no', title: { id: 'No', en: 'No' }, kind: 'number' }, { key: 'title', title: { id: 'Kriteria', en: 'Criterion' } },
        { key: 'kind', title: { id: 'Jenis', en: 'Kind' } }, { key: 'detail', title: { id: 'Rincian', en: 'Detail' } },
      ],
      rows: criteria.map((c) => ({ no: c.no, title: c.title, kind: c.kind.id, detail: c.detail.id })),
    },
    {
      id: 'rollback', title: { id: 'Rencana kontinjensi (rollback)', en: 'Contingency plan (rollback)' },
      columns: [
        { key: 'no', title: { id: 'No', en: 'No' }, kind: 'number' }, { key: 'title', title: { id: 'Langkah', en: 'Step' } },
        { key: 'undoes', title: { id: 'Membatalkan', en: 'Undoes' } }, { key: 'detail', title: { id: 'Rincian', en: 'Detail' } },
      ],
      rows: rollbackSteps.map((s) => ({ no: s.no, title: s.title, undoes: s.undoes, detail: s.detail })),
    },
  ];
  return {
    formulir: 'h', title: TITLE, filename: `Formulir-H-${row.number}`,
    data: {
      number: row.number, regulation: profile.regulation.title, title: String(d.title ?? ''), state: RELEASE_STATE_TEXT[row.state] ?? both(row.state),
      change: { number: str(change.number) ?? '-', category }, services: arr(d.services).map(String),
      author: { username: String(author.username ?? ''), name: String(author.name ?? '') },
      requester: d.requester ? { username: String(obj(d.requester).username ?? ''), name: String(obj(d.requester).name ?? '') } : null,
      submittedAt: str(d.submittedAt),
      window: { start: str(obj(plan.window).start), end: str(obj(plan.window).end) },
      expectedDowntime: { id: `${expected} menit`, en: `${expected} minute${expected === 1 ? '' : 's'}` },
      contents: contentsOf(plan.contents), method,
      steps, criteria, rollbackSteps,
      affectedParties: { roles: arr(affected.roles).map((r) => roleTitle(profile, String(r))), users: arr(affected.users).map(String) },
      testResults: textOr(str(plan.testResults), NONE), impactAnalysis: textOr(str(plan.impactAnalysis), NONE),
      approval: {
        required: approval.mode !== 'none', mode: APPROVAL_MODES[String(approval.mode)] ?? both(String(approval.mode ?? '-')), role: approverRole ? roleTitle(profile, approverRole) : NONE,
        decision: decision ? { decision: decisionText(decision.decision), name: String(decision.name ?? decision.by ?? ''), at: str(decision.at), note: str(decision.note) } : null,
      },
      fitness,
      executed: str(d.executionStartedAt) !== null,
      executionStartedAt: str(d.executionStartedAt), completedAt: str(d.completedAt),
      outcome: str(d.outcome) ? OUTCOMES[String(d.outcome)] ?? both(String(d.outcome)) : null,
      results: arr(d.criteria).map(obj).map((r) => ({
        title: specs.get(String(r.criterion)) ?? String(r.criterion ?? ''), passed: r.passed === true,
        verdict: r.passed === true ? { id: 'Terpenuhi', en: 'Met' } : { id: 'Tidak terpenuhi', en: 'Not met' }, detail: str(r.detail),
      })),
      review: review ? { summary: String(review.summary ?? ''), followUps: arr(review.followUps).map(String), name: String(review.name ?? review.by ?? ''), at: str(review.at) } : null,
      signatures: [
        { role: { id: `Disusun oleh ${roleTitle(profile, profile.release?.planAuthor.role ?? null).id}`, en: `Prepared by: ${roleTitle(profile, profile.release?.planAuthor.role ?? null).en}` }, name: String(author.name ?? '') || null, date: str(d.submittedAt) },
        ...(approverRole ? [{
          role: { id: `Disetujui oleh ${roleTitle(profile, approverRole).id}`, en: `Approved by: ${roleTitle(profile, approverRole).en}` },
          name: decision?.decision === 'approve' ? String(decision.name ?? '') || null : null, date: decision?.decision === 'approve' ? str(decision.at) : null,
        }] : []),
      ],
    },
    tables, charts: {}, empty: false,
  };
}

export const formulirH: ReportDefinition = {
  id: 'h', title: TITLE,
  description: {
    id: 'Dokumen rencana rilis suatu rilis (case=RLS-…): jadwal dan perkiraan henti layanan, isi rilis, metode dan langkah, kriteria evaluasi, rencana kontinjensi, persetujuan dan hasil.',
    en: 'The release plan of a release (case=RLS-…): window and expected downtime, contents, method and steps, evaluation criteria, contingency plan, approval and outcome.',
  },
  params: z.object({ case: z.string().min(1).max(64) }),
  roles: 'staff',
  availableFor: (profile) => profile.release !== null,
  async build(ctx, params) {
    const row = await caseFor(ctx, params.case ?? '', 'release', 'h');
    return formulirHModel(row, ctx.profile);
  },
  sample: () => formulirHModel({ number: 'RLS-2026-000003', state: 'closed', data: sampleReleaseData() }, sampleProfile()),
};

// The sample needs a profile for role titles; the serang profile has every section Formulir H reads.
const sampleProfile = () => getProfile('serang');

/** A release's read-model data with every field Formulir H and the BAST print (made up). */
export function sampleReleaseData(): Loose {
  return {
    title: 'Pembaruan SIMPEG 2.1', change: { number: 'CHG-2026-000012', category: 'normal' }, services: ['SIMPEG'],
    author: { username: 'teknis', name: 'Pengelola Teknis' }, requester: { username: 'pemohon', name: 'Budi Pemohon' }, submittedAt: '2026-11-10T02:00:00.000Z',
    plan: {
      window: { start: '2026-11-14T14:00:00.000Z', end: '2026-11-14T16:00:00.000Z' }, expectedDowntimeMinutes: 30,
      contents: [{ kind: 'software', name: 'SIMPEG', version: '2.1.0' }, { kind: 'documentation', name: 'Panduan pengguna' }], method: 'Blue-green',
      steps: [
        { kind: 'manual', id: 'backup', title: 'Cadangkan basis data', instructions: 'pg_dump sebelum deploy' },
        { kind: 'http', id: 'deploy', title: 'Deploy', request: { method: 'POST', url: 'https://ci.example.go.id/deploy?token=rahasia' }, waitSeconds: 600 },
      ],
      evaluationCriteria: [
        { kind: 'http_check', id: 'homepage', title: 'Beranda tampil', url: 'https://simpeg.example.go.id/', expectStatus: 200, bodyContains: 'versi 2.1', attempts: 3, intervalSeconds: 10 },
        { kind: 'manual', id: 'login', title: 'Login pegawai', description: 'Pegawai uji dapat masuk' },
      ],
      rollbackSteps: [{ kind: 'manual', id: 'restore', title: 'Pulihkan basis data', instructions: 'pg_restore', undoes: 'backup' }],
      affectedParties: { roles: ['service_owner', 'service_desk'], users: ['pemohon'] },
      testResults: 'Uji di lingkungan staging lulus', impactAnalysis: 'SIMPEG tidak tersedia 30 menit di luar jam kerja',
    },
    approval: { mode: 'before', role: 'service_owner', decision: { decision: 'approve', by: 'penyedia', name: 'Penyedia Layanan', at: '2026-11-11T02:00:00.000Z', note: 'Setuju' } },
    fitness: [{ round: 1, results: [{ test: 'Uji fungsi', passed: true, summary: 'Semua fungsi berjalan', performedAt: '2026-11-12T12:00:00.000Z' }] }],
    executionStartedAt: '2026-11-14T14:00:00.000Z', completedAt: '2026-11-14T14:40:00.000Z', outcome: 'succeeded',
    criteria: [{ criterion: 'homepage', passed: true, detail: 'HTTP 200' }, { criterion: 'login', passed: true, detail: 'Pegawai uji berhasil masuk' }],
    review: { summary: 'Rilis berjalan sesuai rencana', followUps: ['Otomatiskan pencadangan'], by: 'teknis', name: 'Pengelola Teknis', at: '2026-11-15T02:00:00.000Z' },
  };
}
