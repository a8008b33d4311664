// A service in the tenant's catalogue: the fields of Formulir A (service catalogue form).
import { defineEntity, p } from '@mikro-orm/core';
import type { LocalText, Source } from '../../policy/profile.ts';

const CatalogueItemSchema = defineEntity({
  name: 'CatalogueItem',
  tableName: 'catalogue_item',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    code: p.text(),
    name: p.json<LocalText>(),
    description: p.json<LocalText>(),
    serviceGroup: p.text(),
    /** Integer milliseconds; bigint in the table, a safe JS number here. */
    fulfilmentTargetMs: p.bigint('number'),
    targetBasis: p.enum(['calendar', 'working']),
    targetSource: p.json<Source>(),
    requiresApproval: p.boolean().default(false),
    approverRole: p.text().nullable(),
    requiredDocuments: p.array().onCreate(() => []),
    provider: p.text().nullable(),
    serviceDesk: p.text().nullable(),
    technicalTeam: p.text().nullable(),
    accessInfo: p.text().nullable(),
    availabilityTarget: p.text().nullable(),
    helpContact: p.text().nullable(),
    helpHours: p.text().nullable(),
    availability: p.text().nullable(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['tenantId', 'code'] }],
});

export class CatalogueItem extends CatalogueItemSchema.class {}
CatalogueItemSchema.setClass(CatalogueItem);
