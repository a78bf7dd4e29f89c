/**
 * A Graylog GELF input for tests: UDP datagrams (gzip, zlib or plain; chunked messages are
 * reassembled by message id and sequence number, as Graylog does, and dropped incomplete after
 * 5 s) and TCP (null-byte delimited, uncompressed). Messages must be GELF 1.1 with host and
 * short_message, else they are counted as invalid.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

export interface GelfReceiver {
  udpPort: number;
  tcpPort: number;
  messages: Record<string, unknown>[];
  invalid: number;
  chunkedMessages: number;
  close(): Promise<void>;
}

function decode(payload: Buffer): Buffer {
  if (payload[0] === 0x1f && payload[1] === 0x8b) return gunzipSync(payload);
  if (payload[0] === 0x78) return inflateSync(payload);
  return payload;
}

export async function startGelfReceiver(): Promise<GelfReceiver> {
  const chunks = new Map<string, { parts: (Buffer | undefined)[]; first: number }>();
  const receiver: GelfReceiver = {
    udpPort: 0, tcpPort: 0, messages: [], invalid: 0, chunkedMessages: 0,
    close: async () => {
      udp.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    },
  };
  const accept = (json: Buffer) => {
    try {
      const message = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
      if (message.version !== '1.1' || typeof message.host !== 'string' || typeof message.short_message !== 'string' || !message.short_message) throw new Error('not GELF 1.1');
      receiver.messages.push(message);
    } catch {
      receiver.invalid++;
    }
  };
  const udp = dgram.createSocket('udp4');
  udp.on('message', (datagram) => {
    try {
      if (datagram[0] === 0x1e && datagram[1] === 0x0f) {
        const id = datagram.subarray(2, 10).toString('hex');
        const seq = datagram[10]!;
        const count = datagram[11]!;
        for (const [key, entry] of chunks) if (Date.now() - entry.first > 5_000) chunks.delete(key);
        const entry = chunks.get(id) ?? { parts: new Array<Buffer | undefined>(count), first: Date.now() };
        chunks.set(id, entry);
        entry.parts[seq] = datagram.subarray(12);
        if (entry.parts.filter(Boolean).length === count) {
          chunks.delete(id);
          receiver.chunkedMessages++;
          accept(decode(Buffer.concat(entry.parts as Buffer[])));
        }
        return;
      }
      accept(decode(datagram));
    } catch {
      receiver.invalid++;
    }
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  // Large socket buffer: a batch of datagrams arrives at once.
  udp.setRecvBufferSize(8 * 1024 * 1024);
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    let buffered = Buffer.alloc(0);
    socket.on('data', (data) => {
      buffered = Buffer.concat([buffered, data]);
      for (let end = buffered.indexOf(0); end >= 0; end = buffered.indexOf(0)) {
        accept(buffered.subarray(0, end));
        buffered = buffered.subarray(end + 1);
      }
    });
    // Graylog closes its side when the sender half-closes, after reading everything.
    socket.on('end', () => socket.end());
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  receiver.udpPort = (udp.address() as AddressInfo).port;
  receiver.tcpPort = (tcp.address() as AddressInfo).port;
  return receiver;
}
