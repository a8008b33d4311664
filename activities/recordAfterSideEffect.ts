// A side effect outside Sigap (a mail accepted by SMTP, a webhook answered 2xx) is recorded right after
// it happened. If that write fails because PostgreSQL is restarting, a retry of the activity would do
// the side effect again; so the write is retried while that is still safe (the caller's deadline: the
// mail's claim, the webhook activity's timeout) and only then given up (at least once, as documented).

/** Runs `write` until it succeeds, backing off from 200 ms to 5 s; rethrows its error once `giveUpAt` (epoch ms) would pass. */
export async function recordAfterSideEffect(write: () => Promise<unknown>, giveUpAt: number): Promise<void> {
  for (let delay = 200; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      await write();
      return;
    } catch (err) {
      if (Date.now() + delay >= giveUpAt) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
