// Response schemas of cases, timelines and the catalogue (OpenAPI and response validation).
import { z } from 'zod';

const localText = z.object({ id: z.string(), en: z.string() });
const roleRef = z.object({ id: z.string(), title: localText });

export const clockSchema = z.object({
  id: z.string(),
  basis: z.enum(['calendar', 'working']),
  targetMs: z.number().int().describe('Target dalam milidetik'),
  elapsedMs: z.number().int(),
  remainingMs: z.number().int(),
  startedAt: z.string(),
  dueAt: z.string().nullable().describe('Batas waktu (null bila jam dihentikan sementara)'),
  paused: z.boolean(),
  stopped: z.boolean(),
  stoppedAt: z.string().nullable(),
  warningsFired: z.array(z.string()),
  breached: z.boolean(),
  met: z.boolean().nullable(),
}).meta({ id: 'SlaClock' });

export const caseSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  number: z.string(),
  tenantId: z.string(),
  title: z.string(),
  service: z.string().nullable(),
  state: z.string(),
  priority: z.string().nullable(),
  requester: z.string(),
  assignee: z.string().nullable(),
  waitingFor: z.array(z.object({
    action: z.string(),
    from: z.object({ roles: z.array(roleRef).optional(), user: z.string().nullable().optional(), orRoles: z.array(roleRef).optional() }),
  })).describe('Tindakan yang ditunggu dan dari siapa'),
  sla: z.array(clockSchema),
  dueAt: z.string().nullable(),
  breached: z.boolean(),
  slaMet: z.boolean().nullable(),
  links: z.array(z.unknown()),
  data: z.record(z.string(), z.unknown()).describe('Isian Formulir D'),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  workflow: z.object({ id: z.string(), url: z.string() }),
}).meta({ id: 'Case' });

export const caseListSchema = z.object({
  items: z.array(caseSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int(),
}).meta({ id: 'CaseList' });

export const timelineSchema = z.object({
  caseId: z.uuid(),
  number: z.string(),
  events: z.array(z.object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ username: z.string(), name: z.string(), role: z.string().nullable() }),
    action: z.string(),
    payload: z.unknown(),
    prevHash: z.string().nullable(),
    hash: z.string(),
    delegation: z.object({
      id: z.string(), kind: z.enum(['plt', 'plh']), role: z.string(), delegator: z.object({ username: z.string(), name: z.string() }), until: z.string(),
    }).nullable().describe('Diambil sebagai Plt./Plh.: atas nama siapa, dalam peran apa, sampai kapan'),
  })),
}).meta({ id: 'Timeline' });

export const catalogueItemSchema = z.object({
  code: z.string(),
  name: localText,
  description: localText,
  group: z.string(),
  fulfilmentTarget: z.object({ ms: z.number().int(), basis: z.enum(['calendar', 'working']), source: z.record(z.string(), z.string()) }),
  requiresApproval: z.boolean(),
  approverRole: z.string().nullable(),
  requiredDocuments: z.array(z.string()),
  availability: z.string().nullable(),
  helpHours: z.string().nullable(),
}).meta({ id: 'CatalogueItem' });

export const documentSchema = z.object({
  id: z.uuid(), kind: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), caseId: z.uuid().nullable(),
}).meta({ id: 'Document' });

export const caseListQuery = z.object({
  type: z.string().max(32).optional(),
  status: z.string().max(64).optional(),
  service: z.string().max(64).optional(),
  priority: z.string().max(32).optional(),
  text: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
