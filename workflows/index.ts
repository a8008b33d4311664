// Workflow bundle entry: every workflow the worker runs.
export { calendarPropagation } from './calendarPropagation.ts';
export { change } from './change.ts';
export { incident } from './incident.ts';
export { maintenanceSop } from './maintenanceSop.ts';
export { problem } from './problem.ts';
export { problemReview } from './problemReview.ts';
export { release } from './release.ts';
export { requestFulfilment } from './requestFulfilment.ts';
