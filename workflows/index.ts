// Workflow bundle entry: every workflow the worker runs.
export { calendarPropagation } from './calendarPropagation.ts';
export { requestFulfilment } from './requestFulfilment.ts';
