/**
 * Streams a text file line by line. Lines end at "\n"; a "\r" before it is dropped (Windows
 * files) but a lone "\r" inside a line is kept, unlike readline, which would split the line there.
 */
import { createReadStream } from 'node:fs';

export interface FileLine {
  /** 1-based line number in the file. */
  number: number;
  text: string;
  /** Full length in characters; `text` is cut at `maxChars` for lines longer than that. */
  length: number;
}

/**
 * Yields every line, including empty ones. Lines longer than `maxChars` are cut to that length
 * (with their true length reported) so one enormous line cannot exhaust memory.
 */
export async function* readLines(path: string, maxChars: number): AsyncGenerator<FileLine> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let number = 0;
  let pending = '';
  let pendingLength = 0;
  let first = true;

  const finish = (piece: string): FileLine => {
    let text = pending + piece;
    let length = pendingLength + piece.length;
    if (text.endsWith('\r')) {
      text = text.slice(0, -1);
      length--;
    }
    if (first) {
      // A UTF-8 byte-order mark is not part of the first line's content.
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        length--;
      }
      first = false;
    }
    pending = '';
    pendingLength = 0;
    return { number: ++number, text: text.length > maxChars ? text.slice(0, maxChars) : text, length };
  };

  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      yield finish(chunk.slice(start, end));
      start = end + 1;
    }
    const rest = chunk.slice(start);
    pendingLength += rest.length;
    // Keep one character beyond the limit so a trailing "\r" can still be recognised and dropped.
    if (pending.length < maxChars + 1) pending = (pending + rest).slice(0, maxChars + 1);
  }
  if (pendingLength > 0) yield finish('');
}
