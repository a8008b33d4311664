// TEMPORARY (issue 7 contracts): a definition that refuses to build until its model is written.
import { z } from 'zod';
import { problem } from '../../api/http/problem.ts';
import type { FormulirId, LocalText, ReportDefinition } from '../types.ts';

export function notBuilt(id: FormulirId, title: LocalText): ReportDefinition {
  return {
    id, title, description: title, params: z.object({}), roles: 'staff',
    build: async () => { throw problem(501, 'action_not_supported', { action: id }); },
    sample: () => ({ formulir: id, title, filename: id, data: {}, tables: [], charts: {}, empty: true }),
  };
}
