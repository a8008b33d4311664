// The five things a user submits from the console. Each form posts to the same service function as its
// API route and is checked by the same zod schema; the pickers list what the services accept (the
// tenant's catalogue, services, profile categories and scenarios, changes ready for release).
import type { z } from 'zod';
import { listServices } from '../../db/services.ts';
import { IMPACTS, type Profile } from '../../policy/profile.ts';
import { changeInitiatorRoles } from '../../policy/change.ts';
import { disasterRoles } from '../../policy/disaster.ts';
import { RELEASE_CONTENT_KINDS, releaseRoles } from '../../policy/release.ts';
import type { Principal } from '../../api/auth/principal.ts';
import type { ApiDeps } from '../../api/deps.ts';
import type { Lang } from '../../api/http/messages.ts';
import { createChangeBody } from '../../api/schemas/changes.ts';
import { createDisasterBody } from '../../api/schemas/disasters.ts';
import { createIncidentBody } from '../../api/schemas/incidents.ts';
import { createReleaseBody } from '../../api/schemas/releases.ts';
import { createRequestBody } from '../../api/schemas/requests.ts';
import { listCases } from '../../api/services/cases.ts';
import { listCatalogueItems } from '../../api/services/catalogue.ts';
import { listStandardChanges, submitChange } from '../../api/services/changes.ts';
import { submitDisaster } from '../../api/services/disasters.ts';
import { openIncident } from '../../api/services/incidents.ts';
import { createRelease, RELEASABLE_CHANGE_STATES } from '../../api/services/releases.ts';
import { submitRequest } from '../../api/services/requests.ts';
import { rowCount, type FieldSpec, type Option, type Raw, type SectionSpec } from './formsModel.ts';

export interface FormEnv {
  deps: ApiDeps;
  principal: Principal;
  profile: Profile;
  lang: Lang;
  t(key: string, params?: Record<string, unknown>): string;
  /** The query (a release for `?change=CHG-…`) or the posted fields. */
  raw: Raw;
}

type Submit = (deps: ApiDeps, principal: Principal, body: never, key: string | null) => Promise<{ caseId: string; created: boolean }>;

export interface FormKind {
  /** URL segment: /new/<kind>. */
  kind: 'request' | 'incident' | 'change' | 'release' | 'disaster';
  /** The profile runs this process. */
  offered(profile: Profile): boolean;
  /** The user's roles let them submit it (the service refuses the others anyway). */
  allowed(profile: Profile, principal: Principal): boolean;
  schema: z.ZodType;
  sections(env: FormEnv): Promise<SectionSpec[]>;
  /** A refusal of the service that is about one field (an unknown user named as requester): shown on that field. */
  fieldOfProblem?: Record<string, string>;
  /** Completes the body where the form asks less than the API (e.g. the type of an origin). */
  adjust?(body: Record<string, unknown>): void;
  submit: Submit;
}

const opt = (value: string, label: string): Option => ({ value, label });
const hasAny = (principal: Principal, roles: string[]) => principal.roles.some((r) => roles.includes(r));

async function serviceOptions(env: FormEnv): Promise<Option[]> {
  const services = await listServices(env.deps.orm.em.fork(), env.principal.tenantId);
  return services.filter((s) => s.active).map((s) => opt(s.code, `${s.name[env.lang]} (${s.code})`));
}

const request: FormKind = {
  kind: 'request',
  offered: () => true,
  allowed: () => true,
  schema: createRequestBody,
  async sections(env) {
    const items = await listCatalogueItems(env.deps, env.principal.tenantId, false); // as GET /catalogue
    const options = items.map((i) => {
      const docs = i.required_documents.length ? ` — ${env.t('forms.request.documents', { kinds: i.required_documents.join(', ') })}` : '';
      return opt(i.code, `${i.service_group}: ${i.name[env.lang]} (${i.code})${docs}`);
    });
    // The service desk records a request that arrived by phone, letter or e-mail for the person it is for.
    const desk: FieldSpec[] = env.principal.roles.includes(env.profile.requestFulfilment.serviceDeskRole) ? [
      { name: 'requester', type: 'text', label: env.t('forms.request.requester'), hint: env.t('forms.request.requesterHint') },
      { name: 'channel', type: 'select', label: env.t('forms.request.channel'), options: ['portal', 'phone', 'letter', 'email'].map((c) => opt(c, env.t(`forms.channel.${c}`))) },
    ] : [];
    return [{ fields: [
      ...desk,
      { name: 'catalogueItem', type: 'select', label: env.t('forms.request.catalogueItem'), hint: env.t('forms.request.catalogueItemHint'), required: true, options, emptyOption: env.t('forms.choose.option') },
      { name: 'title', type: 'text', label: env.t('forms.request.titleField'), required: true },
      { name: 'description', type: 'textarea', label: env.t('forms.request.description'), required: true },
    ] }];
  },
  fieldOfProblem: { unknown_user: 'requester', requester_required: 'requester' },
  submit: submitRequest as Submit,
};

const incident: FormKind = {
  kind: 'incident',
  offered: (profile) => profile.incident !== null,
  allowed: () => true,
  schema: createIncidentBody,
  async sections(env) {
    const channels = ['portal', 'email', 'phone'].map((c) => opt(c, env.t(`forms.channel.${c}`)));
    // The service desk records what arrives by phone or letter for someone else (the service checks the role too).
    const desk: FieldSpec[] = env.principal.roles.includes(env.profile.requestFulfilment.serviceDeskRole) ? [
      { name: 'reporter', type: 'text', label: env.t('forms.incident.reporter'), hint: env.t('forms.incident.reporterHint') },
      { name: 'channel', type: 'select', label: env.t('forms.incident.channel'), options: ['portal', 'phone', 'letter', 'email', 'monitoring'].map((c) => opt(c, env.t(`forms.channel.${c}`))) },
    ] : [];
    return [{ fields: [
      ...desk,
      { name: 'service', type: 'select', label: env.t('forms.incident.service'), required: true, options: await serviceOptions(env), emptyOption: env.t('forms.choose.option') },
      { name: 'category', type: 'text', label: env.t('forms.incident.category'), hint: env.t('forms.incident.categoryHint'), required: true },
      { name: 'symptoms', type: 'textarea', label: env.t('forms.incident.symptoms'), required: true },
      { name: 'impact', type: 'radios', label: env.t('forms.incident.impact'), required: true, options: IMPACTS.map((i) => opt(i, env.t(`forms.incident.impact.${i}`))) },
      { name: 'configurationItems', type: 'list', label: env.t('forms.incident.configurationItems'), hint: env.t('forms.listHint') },
      { name: 'security', type: 'checkbox', label: env.t('forms.incident.security') },
      { name: 'confirmationChannel', type: 'select', label: env.t('forms.incident.confirmationChannel'), options: channels },
    ] }];
  },
  fieldOfProblem: { unknown_user: 'reporter' },
  submit: ((deps, principal, body, key) => openIncident(deps, principal, body, key)) as Submit,
};

const change: FormKind = {
  kind: 'change',
  offered: (profile) => profile.change !== null,
  allowed: (profile, principal) => hasAny(principal, changeInitiatorRoles(profile)),
  schema: createChangeBody,
  async sections(env) {
    const ch = env.profile.change!;
    const standard = (await listStandardChanges(env.deps, env.principal)).items.filter((s) => s.active);
    const fields: FieldSpec[] = [
      { name: 'title', type: 'text', label: env.t('forms.change.titleField'), required: true },
      { name: 'category', type: 'radios', label: env.t('forms.change.category'), required: true, options: ch.categories.map((c) => opt(c.id, `${c.title[env.lang]} — ${c.criteria[env.lang]}`)) },
      ...(ch.kinds.length ? [{ name: 'kind', type: 'select', label: env.t('forms.change.kind'), options: ch.kinds.map((k) => opt(k.id, k.title[env.lang])), emptyOption: env.t('forms.none.option') } satisfies FieldSpec] : []),
      { name: 'standardChange', type: 'select', label: env.t('forms.change.standardChange'), hint: env.t('forms.change.standardChangeHint'), options: standard.map((s) => opt(s.code, `${s.title[env.lang]} (${s.code})`)), emptyOption: env.t('forms.none.option') },
      { name: 'reason', type: 'textarea', label: env.t('forms.change.reason'), hint: env.t('forms.change.reasonHint') },
      { name: 'services', type: 'checkboxes', label: env.t('forms.change.services'), required: true, options: await serviceOptions(env) },
      { name: 'configurationItems', type: 'list', label: env.t('forms.change.configurationItems'), hint: env.t('forms.listHint') },
      { name: 'riskAnalysis', type: 'textarea', label: env.t('forms.change.riskAnalysis'), required: true },
      { name: 'implementationPlan', type: 'textarea', label: env.t('forms.change.implementationPlan'), required: true },
      ...(ch.highImpactRoute ? [{ name: 'highImpact', type: 'checkbox', label: env.t('forms.change.highImpact'), hint: ch.highImpactRoute.value[env.lang] } satisfies FieldSpec] : []),
    ];
    return [
      { fields },
      { legend: env.t('forms.change.window'), fields: [
        { name: 'window.start', type: 'datetime', label: env.t('forms.change.windowStart'), hint: env.t('forms.change.windowHint') },
        { name: 'window.end', type: 'datetime', label: env.t('forms.change.windowEnd') },
      ] },
      { legend: env.t('forms.change.origin'), fields: [
        { name: 'origin.type', type: 'select', label: env.t('forms.change.originType'), options: ['request', 'incident', 'problem'].map((o) => opt(o, env.t(`forms.origin.${o}`))), emptyOption: env.t('forms.none.option') },
        { name: 'origin.id', type: 'text', label: env.t('forms.change.originId'), hint: env.t('forms.change.originIdHint') },
      ] },
    ];
  },
  submit: submitChange as Submit,
};

/** Changes a release may be planned for now (the release service's own states), newest first. */
async function releasableChanges(env: FormEnv): Promise<Option[]> {
  const { items } = await listCases(env.deps, env.principal, { type: 'change', page: 1, pageSize: 100 });
  return items
    .filter((c) => c.closedAt === null && (RELEASABLE_CHANGE_STATES[String(c.data.category ?? '')] ?? []).includes(c.state))
    .map((c) => opt(c.number, `${c.number} — ${c.title}`));
}

const release: FormKind = {
  kind: 'release',
  offered: (profile) => profile.release !== null,
  allowed: (profile, principal) => principal.roles.includes(releaseRoles(profile).author),
  schema: createReleaseBody,
  async sections(env) {
    const rel = env.profile.release!;
    const changes = await releasableChanges(env);
    const asked = typeof env.raw.change === 'string' ? env.raw.change.trim() : '';
    if (asked && !changes.some((c) => c.value === asked)) changes.unshift(opt(asked, asked));
    const steps = { name: 'steps', legend: env.t('forms.release.steps'), hint: env.t('forms.release.stepsHint'), rowLabel: env.t('forms.release.step'), minRows: 3, fixed: { kind: 'manual' }, idPrefix: 'langkah', fields: [
      { name: 'title', type: 'text', label: env.t('forms.release.stepTitle') },
      { name: 'instructions', type: 'textarea', label: env.t('forms.release.instructions') },
    ] } satisfies SectionSpec['group'];
    const stepIds = Array.from({ length: rowCount(steps, env.raw) }, (_, i) => opt(`langkah-${i + 1}`, `${env.t('forms.release.step')} ${i + 1}`));
    return [
      { fields: [
        { name: 'change', type: 'select', label: env.t('forms.release.change'), hint: changes.length ? env.t('forms.release.changeHint') : env.t('forms.release.noChange'), required: true, options: changes, emptyOption: env.t('forms.choose.option') },
        { name: 'title', type: 'text', label: env.t('forms.release.titleField'), required: true },
        rel.deploymentMethods.length
          ? { name: 'method', type: 'select', label: env.t('forms.release.method'), required: true, options: rel.deploymentMethods.map((m) => opt(m.id, m.title[env.lang])), emptyOption: env.t('forms.choose.option') }
          : { name: 'method', type: 'text', label: env.t('forms.release.method'), required: true },
      ] },
      { legend: env.t('forms.release.window'), fields: [
        { name: 'window.start', type: 'datetime', label: env.t('forms.release.windowStart'), required: true },
        { name: 'window.end', type: 'datetime', label: env.t('forms.release.windowEnd'), required: true },
        { name: 'expectedDowntimeMinutes', type: 'number', label: env.t('forms.release.downtime'), required: true },
      ] },
      { group: { name: 'contents', legend: env.t('forms.release.contents'), rowLabel: env.t('forms.release.content'), minRows: 2, fields: [
        { name: 'kind', type: 'select', label: env.t('forms.release.contentKind'), options: RELEASE_CONTENT_KINDS.map((k) => opt(k, env.t(`forms.release.kind.${k}`))), emptyOption: env.t('forms.choose.option') },
        { name: 'name', type: 'text', label: env.t('forms.release.contentName') },
        { name: 'version', type: 'text', label: env.t('forms.release.contentVersion') },
      ] } },
      { group: steps },
      { group: { name: 'evaluationCriteria', legend: env.t('forms.release.criteria'), rowLabel: env.t('forms.release.criterion'), minRows: 2, fixed: { kind: 'manual' }, idPrefix: 'kriteria', fields: [
        { name: 'title', type: 'text', label: env.t('forms.release.criterionTitle') },
        { name: 'description', type: 'textarea', label: env.t('forms.release.criterionDescription') },
      ] } },
      { group: { name: 'rollbackSteps', legend: env.t('forms.release.rollback'), rowLabel: env.t('forms.release.rollbackStep'), minRows: 2, fixed: { kind: 'manual' }, idPrefix: 'rollback', fields: [
        { name: 'title', type: 'text', label: env.t('forms.release.stepTitle') },
        { name: 'instructions', type: 'textarea', label: env.t('forms.release.instructions') },
        { name: 'undoes', type: 'select', label: env.t('forms.release.undoes'), options: stepIds, emptyOption: env.t('forms.none.option') },
      ] } },
      { legend: env.t('forms.release.affected'), fields: [
        { name: 'affectedParties.roles', type: 'checkboxes', label: env.t('forms.release.affectedRoles'), options: env.profile.roles.map((r) => opt(r.id, r.title[env.lang])) },
        { name: 'affectedParties.users', type: 'list', label: env.t('forms.release.affectedUsers'), hint: env.t('forms.listHint') },
      ] },
      { fields: [
        { name: 'testResults', type: 'textarea', label: env.t('forms.release.testResults') },
        { name: 'impactAnalysis', type: 'textarea', label: env.t('forms.release.impactAnalysis') },
        ...(rel.handover ? [{ name: 'requester', type: 'text', label: env.t('forms.release.requester'), required: true } satisfies FieldSpec] : []),
      ] },
    ];
  },
  submit: createRelease as Submit,
};

const disaster: FormKind = {
  kind: 'disaster',
  offered: (profile) => profile.disaster !== null,
  allowed: (profile, principal) => hasAny(principal, disasterRoles(profile)),
  schema: createDisasterBody,
  async sections(env) {
    const d = env.profile.disaster!;
    return [{ fields: [
      { name: 'title', type: 'text', label: env.t('forms.disaster.titleField'), required: true },
      { name: 'description', type: 'textarea', label: env.t('forms.disaster.description'), required: true },
      { name: 'services', type: 'checkboxes', label: env.t('forms.disaster.services'), required: true, options: await serviceOptions(env) },
      { name: 'occurredAt', type: 'datetime', label: env.t('forms.disaster.occurredAt'), hint: env.t('forms.disaster.occurredAtHint') },
      { name: 'scenario', type: 'select', label: env.t('forms.disaster.scenario'), hint: env.t('forms.disaster.scenarioHint'), options: d.scenarios.map((s) => opt(s.id, s.title[env.lang])), emptyOption: env.t('forms.none.option') },
      { name: 'mode', type: 'radios', label: env.t('forms.disaster.mode'), options: ['real', 'exercise'].map((m) => opt(m, env.t(`forms.disaster.mode.${m}`))) },
      { name: 'origin.id', type: 'text', label: env.t('forms.disaster.originIncident'), hint: env.t('forms.disaster.originIncidentHint') },
    ] }];
  },
  adjust(body) {
    const origin = body.origin as Record<string, unknown> | undefined;
    if (origin) origin.type = 'incident';
  },
  submit: submitDisaster as Submit,
};

export const FORM_KINDS: FormKind[] = [request, incident, change, release, disaster];
