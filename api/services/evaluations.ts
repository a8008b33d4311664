// STUB (owned by the evaluation helper): the `evaluation` process module and the evaluation endpoints' services.
import type { ProcessModule } from './processes.ts';
import { problem } from '../http/problem.ts';

export const evaluationProcess: ProcessModule = {
  bodies: {},
  async check() { throw problem(501, 'action_not_supported', { action: '-' }); },
  async toCommand() { throw problem(501, 'action_not_supported', { action: '-' }); },
  async execute() { throw problem(501, 'action_not_supported', { action: '-' }); },
};
