/**
 * Streams a text file line by line. Lines end at "\n"; a "\r" before it is dropped (Windows
 * files) but a lone "\r" inside a line is kept, unlike readline, which would split the line there.
 * The file is read as bytes ("\n" never occurs inside a UTF-8 sequence), so each line knows the
 * byte offset where the next one starts: an import can record it and a later run resume there.
 */
import { createReadStream } from 'node:fs';

export interface FileLine {
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Full length in characters (UTF-16 units); `text` is cut at `maxChars` for lines longer than that. */
  length: number;
  /** Byte offset just after this line (and its "\n"): where the next line starts. */
  end: number;
}

export interface ReadFrom {
  /** Byte offset of a line start. */
  byte: number;
  /** Number of the line before it (0 at the start of the file). */
  line: number;
}

/** UTF-16 length of UTF-8 bytes: one unit per sequence start, two for 4-byte sequences. */
function utf16Length(bytes: Uint8Array): number {
  let units = 0;
  for (const b of bytes) {
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/**
 * Yields every line, including empty ones, from `from` on. Lines longer than `maxChars` are cut to
 * that length (with their true length reported) so one enormous line cannot exhaust memory.
 */
export async function* readLines(path: string, maxChars: number, from: ReadFrom = { byte: 0, line: 0 }): AsyncGenerator<FileLine> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024, start: from.byte });
  // Enough bytes for maxChars + 1 characters in any encoding width.
  const keepBytes = (maxChars + 1) * 4;
  let number = from.line;
  let offset = from.byte;
  let parts: Buffer[] = [];
  let kept = 0;
  let length = 0;

  const finish = (piece: Buffer, consumed: number): FileLine => {
    const room = Math.max(0, keepBytes - kept);
    parts.push(piece.subarray(0, room));
    length += utf16Length(piece);
    let text = Buffer.concat(parts).toString('utf8');
    let chars = length;
    if (text.endsWith('\r')) {
      text = text.slice(0, -1);
      chars--;
    }
    if (offset === 0 && number === 0 && text.charCodeAt(0) === 0xfeff) {
      // A UTF-8 byte-order mark is not part of the first line's content.
      text = text.slice(1);
      chars--;
    }
    offset += consumed;
    parts = [];
    kept = 0;
    length = 0;
    return { number: ++number, text: text.length > maxChars ? text.slice(0, maxChars) : text, length: chars, end: offset };
  };

  let pendingBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      yield finish(chunk.subarray(start, end), pendingBytes + end - start + 1);
      pendingBytes = 0;
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    pendingBytes += rest.length;
    length += utf16Length(rest);
    if (kept < keepBytes) {
      const piece = rest.subarray(0, keepBytes - kept);
      parts.push(Buffer.from(piece));
      kept += piece.length;
    }
  }
  if (pendingBytes > 0) yield finish(Buffer.alloc(0), pendingBytes);
}
