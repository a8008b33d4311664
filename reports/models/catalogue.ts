// Report a. STUB (issue 7): replaced by the report model.
import { notBuilt } from './notBuilt.ts';

export const formulirA = notBuilt('a', { id: 'Formulir A – Katalog Layanan', en: 'Form A – Service catalogue' });
