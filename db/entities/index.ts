// Every entity, in one list for the ORM configuration.
import { ApiKey } from './apiKey.ts';
import { AppUser } from './appUser.ts';
import { CaseCounter } from './caseCounter.ts';
import { CaseEvent } from './caseEvent.ts';
import { CaseRecord } from './caseRecord.ts';
import { CatalogueItem } from './catalogueItem.ts';
import { Document } from './document.ts';
import { Notification } from './notification.ts';
import { Submission } from './submission.ts';
import { Tenant } from './tenant.ts';

export { ApiKey, AppUser, CaseCounter, CaseEvent, CaseRecord, CatalogueItem, Document, Notification, Submission, Tenant };
export type { JsonObject } from './caseRecord.ts';

export const entities = [Tenant, AppUser, CatalogueItem, CaseRecord, CaseEvent, Submission, Document, Notification, ApiKey, CaseCounter];
