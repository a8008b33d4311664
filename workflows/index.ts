// Workflow bundle entry: every workflow the worker runs.
export { calendarPropagation } from './calendarPropagation.ts';
export { incident } from './incident.ts';
export { requestFulfilment } from './requestFulfilment.ts';
