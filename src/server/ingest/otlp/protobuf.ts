/**
 * A minimal protocol-buffers wire reader: enough to walk OTLP messages field by field. Unknown
 * fields are skipped by wire type, as the protobuf rules require, so newer senders still work.
 * Every length is checked against the buffer, so hostile input fails with a position, never
 * with an out-of-bounds read.
 */

export class ProtobufError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export class ProtoReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  readonly #view: DataView;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Unsigned varint as a bigint-free number when it fits; larger values come back as a bigint. */
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint', this.pos);
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new ProtobufError('varint longer than 10 bytes', this.pos);
  }

  /** Small unsigned varint (tags, lengths): a plain number, refusing anything over 2^31. */
  uint32(): number {
    const value = this.varint();
    if (value > 0x7fffffffn) throw new ProtobufError('length or tag out of range', this.pos);
    return Number(value);
  }

  tag(): { field: number; wire: number } {
    const key = this.uint32();
    return { field: key >>> 3, wire: key & 7 };
  }

  fixed64(): bigint {
    this.#need(8);
    const value = this.#view.getBigUint64(this.pos, true);
    this.pos += 8;
    return value;
  }

  double(): number {
    this.#need(8);
    const value = this.#view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** A length-delimited field: returns [start, end) of its bytes and moves past them. */
  lengthDelimited(): [number, number] {
    const length = this.uint32();
    this.#need(length);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  sub(): ProtoReader {
    const [start, end] = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end);
  }

  string(): string {
    const [start, end] = this.lengthDelimited();
    // Invalid UTF-8 becomes U+FFFD: the line is kept, not refused.
    return decoder.decode(this.buf.subarray(start, end));
  }

  bytes(): Uint8Array {
    const [start, end] = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.#need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.#need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`, this.pos);
    }
  }

  expect(wire: number, actual: number): void {
    if (wire !== actual) throw new ProtobufError(`wire type ${actual} where ${wire} was expected`, this.pos);
  }

  #need(n: number): void {
    if (this.pos + n > this.end) throw new ProtobufError(`field needs ${n} bytes, message ends`, this.pos);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });
