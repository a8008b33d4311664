// Incident priority (Prioritas Penanganan Gangguan / Aduan): impact × affected service type ×
// classification → P1–P6, with the response and resolution targets of that priority
// (serang Tabel 4.4 = Formulir B; yogyakarta Tabel 2–3). Pure.
import type { Duration, Impact, MatrixCell, Profile, ServiceClassification, ServiceType, Source } from './profile.ts';

export interface PriorityQuery {
  impact: Impact;
  serviceType: ServiceType;
  classification: ServiceClassification;
}

export interface PriorityResult {
  priority: string;
  /** Target from report to first response. */
  response: Duration;
  /** Target from report to the reporter's confirmation; null where the regulation sets none (yogyakarta). */
  resolution: Duration | null;
  /** Source of the matrix cell. */
  source: Source;
}

/**
 * The priority of an incident under the profile's matrix, or null when the profile has no matrix
 * (dpr and kemenkeu leave priorities to the IT unit; setwapres has none).
 */
export function priorityFor(profile: Profile, query: PriorityQuery): PriorityResult | null {
  const incident = profile.incident;
  if (!incident?.priorityMatrix) return null;
  const cell: MatrixCell | undefined = incident.priorityMatrix.find((c) =>
    c.impact === query.impact && c.serviceType === query.serviceType && c.classification === query.classification);
  // defineProfile guarantees all 12 cells and that each names a listed priority.
  if (!cell) throw new Error(`Profile ${profile.id}: no priority matrix cell for ${query.impact}/${query.serviceType}/${query.classification}`);
  const p = incident.priorities.find((x) => x.id === cell.priority);
  if (!p) throw new Error(`Profile ${profile.id}: matrix names unknown priority ${cell.priority}`);
  return { priority: p.id, response: p.response, resolution: p.resolution, source: cell.source };
}
