// Waiting in tests for something another process (a worker, a workflow) does soon: poll, never sleep a fixed time.

/** Re-runs an assertion until it passes; after the timeout its last failure is thrown. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 15_000, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { await check(); return; } catch (err) { if (Date.now() > deadline) throw err; }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Reads until the value satisfies `ok` or the timeout passes; returns the last value read (assert on it). */
export async function readUntil<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}
