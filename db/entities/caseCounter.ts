// Per tenant, case type and year: the next case number to hand out. Written only by
// nextCaseNumber() in one atomic upsert.
import { defineEntity, p } from '@mikro-orm/core';

const CaseCounterSchema = defineEntity({
  name: 'CaseCounter',
  tableName: 'case_counter',
  properties: {
    tenantId: p.text().primary(),
    caseType: p.text().primary(),
    year: p.integer().primary(),
    nextValue: p.integer(),
  },
});

export class CaseCounter extends CaseCounterSchema.class {}
CaseCounterSchema.setClass(CaseCounter);
