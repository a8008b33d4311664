// STUB (owned by the continuity helper).
import type { ProcessModule } from './processes.ts';
import { problem } from '../http/problem.ts';

export const drpProcess: ProcessModule = {
  bodies: {},
  async check() { throw problem(501, 'action_not_supported', { action: '-' }); },
  async toCommand() { throw problem(501, 'action_not_supported', { action: '-' }); },
  async execute() { throw problem(501, 'action_not_supported', { action: '-' }); },
};
