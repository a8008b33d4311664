// Report improvement-register. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const improvementRegister = notBuilt('improvement-register', { id: 'Daftar Register Perbaikan Berkelanjutan', en: 'Continuous-improvement register' });
