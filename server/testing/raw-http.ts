/**
 * Requests written byte for byte on a socket, for what fetch refuses to send: malformed request lines, oversized
 * headers, bad lengths, chunked bodies. Each request asks for the connection to close, so the answer is whatever
 * arrived by then.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  /** The body as text (empty when none). */
  text: string;
}

/** Sends `head` (request line and headers, without the blank line) and then `body`, and reads one answer. */
export function rawRequest(base: string, head: string, body = ''): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while the request is still being written (an oversized header, say): not a failure.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no answer to ${JSON.stringify(head.slice(0, 80))}: ${raw}`));
      const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, text: raw.slice(end + 4) });
    });
    socket.write(`${head}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n${body}`);
  });
}
