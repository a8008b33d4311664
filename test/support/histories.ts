// Recorded workflow histories as JSON files. protobufjs' own object form (longs and bytes as strings,
// enums by name) is used instead of the SDK's protojson helpers, whose `instanceof` checks fail under
// Jest's module registry.
import { temporal } from '@temporalio/proto';

const History = temporal.api.history.v1.History;

export function historyToFileText(history: temporal.api.history.v1.IHistory): string {
  const object = History.toObject(History.fromObject(history), { longs: String, bytes: String, enums: String });
  return `${JSON.stringify(object, null, 1)}\n`;
}

export function historyFromFileText(text: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text) as Record<string, unknown>);
}
