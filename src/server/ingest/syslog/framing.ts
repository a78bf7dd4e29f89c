/**
 * TCP syslog framing (RFC 6587): octet counting ("LEN SP MSG") and newline-terminated frames,
 * recognised per frame by the first character. Frames longer than the bound are cut (the rest
 * of the frame is skipped), never buffered without limit.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

export class SyslogFramer {
  #buf: Buffer = Buffer.alloc(0);
  /** Bytes of an over-long octet-counted frame still to skip. */
  #skipBytes = 0;
  /** Skipping the rest of an over-long newline frame. */
  #skipLine = false;
  /** Frames that were cut to the bound. */
  cut = 0;

  /** Appends received bytes; returns the complete frames they finish. */
  push(chunk: Buffer): Buffer[] {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      if (this.#skipBytes > 0) {
        const n = Math.min(this.#skipBytes, this.#buf.length);
        this.#skipBytes -= n;
        this.#buf = this.#buf.subarray(n);
        if (this.#skipBytes > 0) break;
      }
      if (this.#skipLine) {
        const nl = this.#buf.indexOf(0x0a);
        if (nl < 0) {
          this.#buf = Buffer.alloc(0);
          break;
        }
        this.#buf = this.#buf.subarray(nl + 1);
        this.#skipLine = false;
      }
      if (this.#buf.length === 0) break;
      const first = this.#buf[0]!;
      if (first >= 0x30 && first <= 0x39) {
        const space = this.#buf.indexOf(0x20);
        if (space < 0 || space > 10) {
          if (space < 0 && this.#buf.length <= 10) break; // the length is still arriving
          // Not a length after all: treat as a newline frame.
          if (!this.#lineFrame(frames)) break;
          continue;
        }
        const length = Number(this.#buf.subarray(0, space).toString('latin1'));
        const start = space + 1;
        if (length > MAX_FRAME_BYTES) {
          if (this.#buf.length - start < MAX_FRAME_BYTES) break;
          frames.push(this.#buf.subarray(start, start + MAX_FRAME_BYTES));
          this.cut++;
          this.#skipBytes = length - MAX_FRAME_BYTES;
          this.#buf = this.#buf.subarray(start + MAX_FRAME_BYTES);
          continue;
        }
        if (this.#buf.length - start < length) break;
        frames.push(this.#buf.subarray(start, start + length));
        this.#buf = this.#buf.subarray(start + length);
        continue;
      }
      if (first === 0x0a || first === 0x0d || first === 0x00) {
        this.#buf = this.#buf.subarray(1);
        continue;
      }
      if (!this.#lineFrame(frames)) break;
    }
    // Keep the remainder in its own memory, so the big chunk it came from can be freed.
    if (this.#buf.length > 0 && this.#buf.byteOffset !== 0) this.#buf = Buffer.from(this.#buf);
    return frames;
  }

  /** What is left when the sender closes: a last frame without its newline. */
  end(): Buffer | null {
    const rest = this.#buf;
    this.#buf = Buffer.alloc(0);
    return rest.length > 0 && this.#skipBytes === 0 && !this.#skipLine ? rest : null;
  }

  #lineFrame(frames: Buffer[]): boolean {
    const nl = this.#buf.indexOf(0x0a);
    if (nl < 0) {
      if (this.#buf.length < MAX_FRAME_BYTES) return false;
      frames.push(this.#buf.subarray(0, MAX_FRAME_BYTES));
      this.cut++;
      this.#skipLine = true;
      this.#buf = this.#buf.subarray(MAX_FRAME_BYTES);
      return true;
    }
    if (nl > MAX_FRAME_BYTES) this.cut++;
    frames.push(this.#buf.subarray(0, Math.min(nl, MAX_FRAME_BYTES)));
    this.#buf = this.#buf.subarray(nl + 1);
    return true;
  }
}
