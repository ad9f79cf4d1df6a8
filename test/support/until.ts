/**
 * Polls `check` every 50 ms until it returns a truthy value, and returns it; throws "gave up waiting for <what>"
 * after `ms`. For tests that wait on another process (graders, the queue) instead of sleeping a fixed time.
 */
export async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
