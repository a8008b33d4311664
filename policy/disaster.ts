// STUB (owned by the disaster policy helper): replaced by the full pure rules.
import type { BusinessCalendar } from './calendarTypes.ts';
import type { CaseInputBase } from './caseInput.ts';
import type { ServiceClassification } from './profile.ts';
import type { Person } from './requestFulfilment.ts';

/** An affected service as the disaster starts: its Formulir C targets and its approved DRP. */
export interface DisasterServiceRef {
  code: string;
  name: string;
  classification: ServiceClassification;
  /** From the continuity plan (Formulir C) when the case starts; null when the plan sets none. */
  rtoMs: number | null;
  rpoMs: number | null;
  /** The approved DRP version when the case starts; null when there is none. */
  drp: { id: string; version: number } | null;
}

export type DisasterOrigin =
  | { type: 'incident'; caseId: string; number: string }
  | { type: 'alert'; source: string; fingerprint: string; alertName: string }
  | { type: 'schedule'; scheduleId: string }
  | null;

export interface DisasterInput extends CaseInputBase {
  /** 'exercise': a DRP test — reported like a real execution, never counted as downtime. */
  mode: 'real' | 'exercise';
  title: string;
  description: string;
  /** When the disaster happened (yogyakarta and kemenkeu count RTO and RPO from it). */
  occurredAt: number;
  /** When the case was recorded. */
  startedAt: number;
  /** Tabel 4.3 scenario id when chosen at the start (else chosen during the assessment). */
  scenario: string | null;
  services: DisasterServiceRef[];
  origin: DisasterOrigin;
  reporter: Person & { role: string | null };
  calendar: BusinessCalendar;
}

export type DisasterCommand = { action: string } & Record<string, unknown>;
export type DisasterCase = { input: DisasterInput; state: string; seq: number };
export type DisasterSnapshot = { state: string };
