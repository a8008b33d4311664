// The custom search attributes Sigap registers on its Temporal namespace (dev server, tests, docs).
// Pure module (only @temporalio/common): workflows, the API and scripts may all import it.
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

/** `{ name, type }` key as returned by defineSearchAttributeKey (the SDK does not export the interface by name). */
export type SearchAttributeKey<T extends SearchAttributeType> = ReturnType<typeof defineSearchAttributeKey<T>>;

/** Type names as `temporal server start-dev --search-attribute Name=Type` and `temporal operator` spell them. */
export type CliSearchAttributeType = 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

/** Search attributes Sigap registers, by name, with their CLI type. */
export const SIGAP_SEARCH_ATTRIBUTES = {
  SigapTenant: 'Keyword',
  SigapCaseType: 'Keyword',
  SigapCaseNumber: 'Keyword',
  SigapState: 'Keyword',
  SigapService: 'Keyword',
  SigapPriority: 'Keyword',
  SigapBreached: 'Bool',
} as const satisfies Record<string, CliSearchAttributeType>;

export type SigapSearchAttributeName = keyof typeof SIGAP_SEARCH_ATTRIBUTES;

/** Typed keys for `upsertSearchAttributes` / `typedSearchAttributes` in workflows and clients. */
export const SIGAP_SEARCH_ATTRIBUTE_KEYS: {
  readonly SigapTenant: SearchAttributeKey<'KEYWORD'>;
  readonly SigapCaseType: SearchAttributeKey<'KEYWORD'>;
  readonly SigapCaseNumber: SearchAttributeKey<'KEYWORD'>;
  readonly SigapState: SearchAttributeKey<'KEYWORD'>;
  readonly SigapService: SearchAttributeKey<'KEYWORD'>;
  readonly SigapPriority: SearchAttributeKey<'KEYWORD'>;
  readonly SigapBreached: SearchAttributeKey<'BOOL'>;
} = {
  SigapTenant: defineSearchAttributeKey('SigapTenant', SearchAttributeType.KEYWORD),
  SigapCaseType: defineSearchAttributeKey('SigapCaseType', SearchAttributeType.KEYWORD),
  SigapCaseNumber: defineSearchAttributeKey('SigapCaseNumber', SearchAttributeType.KEYWORD),
  SigapState: defineSearchAttributeKey('SigapState', SearchAttributeType.KEYWORD),
  SigapService: defineSearchAttributeKey('SigapService', SearchAttributeType.KEYWORD),
  SigapPriority: defineSearchAttributeKey('SigapPriority', SearchAttributeType.KEYWORD),
  SigapBreached: defineSearchAttributeKey('SigapBreached', SearchAttributeType.BOOL),
};

const CLI_TO_SDK: Record<CliSearchAttributeType, SearchAttributeType> = {
  Text: SearchAttributeType.TEXT,
  Keyword: SearchAttributeType.KEYWORD,
  Int: SearchAttributeType.INT,
  Double: SearchAttributeType.DOUBLE,
  Bool: SearchAttributeType.BOOL,
  Datetime: SearchAttributeType.DATETIME,
  KeywordList: SearchAttributeType.KEYWORD_LIST,
};

/** `temporal.api.enums.v1.IndexedValueType` numbers, for OperatorService add/listSearchAttributes. */
export const INDEXED_VALUE_TYPE: Readonly<Record<CliSearchAttributeType, number>> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

/** The SDK's type constant for a CLI type name (e.g. 'Keyword' -> 'KEYWORD'). */
export function toSdkSearchAttributeType(type: CliSearchAttributeType): SearchAttributeType {
  return CLI_TO_SDK[type];
}

/** `['--search-attribute', 'Name=Type', ...]` for `temporal server start-dev`. */
export function searchAttributeArgs(attributes: Readonly<Record<string, CliSearchAttributeType>>): string[] {
  return Object.entries(attributes).flatMap(([name, type]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid search attribute name: ${name}`);
    return ['--search-attribute', `${name}=${type}`];
  });
}
