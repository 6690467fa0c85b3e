/**
 * Waiting in tests: poll a condition until it holds, never a fixed sleep. `check` returns the value
 * to wait for (anything but undefined, null or false ends the wait, and is returned: 0 and '' too, so
 * return `n > 0 && n` to wait for a positive count); past
 * `timeoutMs` the wait fails, naming `what`.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 5000, everyMs = 10, what = 'the condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
