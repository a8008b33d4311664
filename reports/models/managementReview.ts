// Report management-review. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const managementReview = notBuilt('management-review', { id: 'Masukan Tinjauan Manajemen', en: 'Management review inputs' });
