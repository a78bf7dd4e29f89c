/**
 * Polls `probe` every 100 ms, up to 10 s, until `ok` holds of its value, and returns the last
 * value either way: the caller's assertion on it then says what was missing.
 */
export async function eventually<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await probe();
  for (let i = 0; i < 100 && !ok(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}
