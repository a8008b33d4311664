// Workflow bundle entry: every workflow the worker runs.
export { requestFulfilment } from './requestFulfilment.ts';
