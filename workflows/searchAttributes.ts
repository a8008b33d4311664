// Custom search attributes Sigap sets on its workflows, so cases can be found in the Temporal UI
// and by the CLI. The embedded dev server registers them at start (scripts/lib/searchAttributes.ts);
// an external cluster needs them created once (see README).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  tenant: defineSearchAttributeKey('SigapTenant', SearchAttributeType.KEYWORD),
  caseType: defineSearchAttributeKey('SigapCaseType', SearchAttributeType.KEYWORD),
  caseNumber: defineSearchAttributeKey('SigapCaseNumber', SearchAttributeType.KEYWORD),
  state: defineSearchAttributeKey('SigapState', SearchAttributeType.KEYWORD),
  service: defineSearchAttributeKey('SigapService', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('SigapPriority', SearchAttributeType.KEYWORD),
  breached: defineSearchAttributeKey('SigapBreached', SearchAttributeType.BOOL),
} as const;
