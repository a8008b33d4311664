// Commands that arrive by update wait here; the workflow's main loop applies them one at a time,
// in arrival order, and answers each caller with its own result (or the refusal). Serialising
// through the main loop keeps a case's steps, audit events and timers in one deterministic order.
import { ApplicationFailure, condition } from '@temporalio/workflow';

export interface Taken<T, R> {
  item: T;
  answer(result: R | ApplicationFailure): void;
}

export interface Inbox<T, R> {
  /** For an update handler: queue the command and wait until the main loop has answered it. */
  submit(item: T): Promise<R>;
  /** True while commands wait (a wake-up condition for the main loop). */
  readonly waiting: boolean;
  /** For the main loop: the oldest command and how to answer it. */
  take(): Taken<T, R> | undefined;
}

export function createInbox<T, R>(): Inbox<T, R> {
  const queue: Array<{ id: number; item: T }> = [];
  const results = new Map<number, R | ApplicationFailure>();
  let nextId = 0;
  return {
    async submit(item) {
      const id = nextId++;
      queue.push({ id, item });
      await condition(() => results.has(id));
      const result = results.get(id)!;
      results.delete(id);
      if (result instanceof ApplicationFailure) throw result;
      return result;
    },
    get waiting() {
      return queue.length > 0;
    },
    take() {
      const entry = queue.shift();
      return entry ? { item: entry.item, answer: (result) => { results.set(entry.id, result); } } : undefined;
    },
  };
}
