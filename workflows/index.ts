// Workflow bundle entry: every workflow the worker runs.
export { availabilityMonth } from './availabilityMonth.ts';
export { availabilityReport } from './availabilityReport.ts';
export { calendarPropagation } from './calendarPropagation.ts';
export { change } from './change.ts';
export { disaster } from './disaster.ts';
export { drpApproval } from './drpApproval.ts';
export { drpTestKickoff } from './drpTestKickoff.ts';
export { evaluationKickoff } from './evaluationKickoff.ts';
export { incident } from './incident.ts';
export { maintenanceSop } from './maintenanceSop.ts';
export { problem } from './problem.ts';
export { problemReview } from './problemReview.ts';
export { release } from './release.ts';
export { requestFulfilment } from './requestFulfilment.ts';
export { semesterEvaluation } from './semesterEvaluation.ts';
export { webhookDelivery } from './webhookDelivery.ts';
