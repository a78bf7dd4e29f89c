/** Open live tails per caller, so one user cannot hold the store's polling capacity. */
export class TailSlots {
  readonly #open = new Map<string, number>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** A release function (safe to call more than once), or null when the caller holds every slot. */
  acquire(subject: string): (() => void) | null {
    const held = this.#open.get(subject) ?? 0;
    if (held >= this.#max) return null;
    this.#open.set(subject, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.#open.get(subject) ?? 1) - 1;
      if (now > 0) this.#open.set(subject, now);
      else this.#open.delete(subject);
    };
  }

  held(subject: string): number {
    return this.#open.get(subject) ?? 0;
  }
}
