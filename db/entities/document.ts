// An uploaded file (nota dinas, kerangka acuan …), stored in the database so a backup holds
// everything. `content` is lazy: lists never load the bytes; use populate: ['content'] to read them.
import { defineEntity, p } from '@mikro-orm/core';

const DocumentSchema = defineEntity({
  name: 'Document',
  tableName: 'document',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    tenantId: p.text(),
    /** May reference a case that is still being created, so no foreign key. */
    caseId: p.uuid().nullable(),
    /** A document kind id of the profile, e.g. 'nota_dinas'. */
    kind: p.text(),
    filename: p.text(),
    mediaType: p.text(),
    sizeBytes: p.integer(),
    /** Hex SHA-256 of content. */
    sha256: p.text(),
    content: p.blob().lazy(),
    uploadedBy: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Document extends DocumentSchema.class {}
DocumentSchema.setClass(Document);
