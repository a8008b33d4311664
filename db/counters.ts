// Human case numbers (REQ-2026-000001), one sequence per tenant, case type and year.
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Hands out the next number in one statement: the row lock taken by ON CONFLICT DO UPDATE makes
 * concurrent callers queue, so no two get the same value. Inside a transaction the lock is held
 * until commit; a rolled-back transaction gives its number back, a committed one never repeats.
 */
export async function nextCaseNumber(em: EntityManager, tenantId: string, caseType: string, prefix: string, year: number): Promise<string> {
  const rows = await em.execute<Array<{ value: number }>>(
    `insert into case_counter (tenant_id, case_type, year, next_value) values (?, ?, ?, 2)
     on conflict (tenant_id, case_type, year) do update set next_value = case_counter.next_value + 1
     returning next_value - 1 as value`,
    [tenantId, caseType, year],
  );
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`nextCaseNumber: no value returned for ${tenantId}/${caseType}/${year}`);
  return formatCaseNumber(prefix, year, value);
}

export function formatCaseNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
