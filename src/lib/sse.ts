/**
 * A Server-Sent Events parser (the WHATWG event-stream format) for streams read with fetch:
 * EventSource cannot send the Authorization and DPoP headers every API call needs. Feed it text
 * as it arrives; it returns the events completed so far and keeps the rest.
 */
export interface SseEvent {
  event: string;
  data: string;
  /** The stream's last event id after this event (what to send as Last-Event-ID). */
  lastEventId: string;
}

export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #lastEventId = '';
  /** Reconnection delay the server asked for, in ms, if it did. */
  retryMs: number | null = null;

  get lastEventId(): string {
    return this.#lastEventId;
  }

  push(chunk: string): SseEvent[] {
    this.#buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const end = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone CR at the end may be the first half of CRLF: wait for more.
      if (!end || (end[0] === '\r' && end.index === this.#buffer.length - 1)) break;
      const line = this.#buffer.slice(0, end.index);
      this.#buffer = this.#buffer.slice(end.index + end[0].length);
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  #line(line: string): SseEvent | null {
    if (line === '') {
      // Dispatch: an event without data lines is dropped (the id still counts).
      const data = this.#data;
      const event = this.#event || 'message';
      this.#data = [];
      this.#event = '';
      return data.length === 0 ? null : { event, data: data.join('\n'), lastEventId: this.#lastEventId };
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }
}
