/** HTTP clients for tests: fetch for ordinary requests, a raw socket for bytes fetch refuses to send. */
import { connect } from 'node:net';

export interface ErrorResponse {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

/** Sends a request with fetch and parses the body as JSON. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<ErrorResponse> {
  const response = await fetch(new URL(path, baseUrl), { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text !== '') body = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, text, body };
}

export interface RawResponse {
  status: number;
  /** Header lines, names lowercased; a repeated header keeps its last value. */
  headers: Map<string, string>;
  /** Header block as received, for checks that no extra header line appeared. */
  head: string;
  body: string;
}

/** Pause between the parts of a request that `sendRaw` writes separately, in milliseconds. */
const PART_PAUSE_MS = 30;

/**
 * Writes raw bytes to 127.0.0.1:port and reads one response until the server closes or sends it all.
 * An array of parts is written one part at a time with a short pause, so that the server may see
 * each part in its own read.
 */
export function sendRaw(port: number, request: Buffer | string | readonly (Buffer | string)[]): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const raw = Buffer.concat(chunks).toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      if (split === -1) {
        reject(new Error(`No complete response head in ${JSON.stringify(raw.slice(0, 200))}`));
        return;
      }
      const head = raw.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      let body = raw.slice(split + 4);
      const length = Number(headers.get('content-length'));
      if (Number.isInteger(length)) body = Buffer.from(body, 'latin1').subarray(0, length).toString('utf8');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, head, body });
    };
    socket.setTimeout(5000, () => socket.destroy(new Error('Raw request timed out after 5 s')));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks).toString('latin1');
      const split = received.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(received.slice(0, split));
      if (split !== -1 && length && Buffer.byteLength(received.slice(split + 4), 'latin1') >= Number(length[1])) {
        socket.end();
        finish();
        socket.destroy();
      }
    });
    socket.on('end', finish);
    socket.on('error', reject);
    const [first = '', ...rest] = typeof request === 'string' || Buffer.isBuffer(request) ? [request] : request;
    socket.write(first);
    rest.forEach((part, index) => setTimeout(() => socket.writable && socket.write(part), PART_PAUSE_MS * (index + 1)));
  });
}

/**
 * Writes raw bytes to 127.0.0.1:port, then closes the connection without reading a response, as a
 * client that gives up in the middle of a request body does. Resolves once the socket has closed.
 */
export function sendAndClose(port: number, request: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(5000, () => socket.destroy(new Error('Raw request was not closed within 5 s')));
    socket.on('error', reject);
    socket.on('close', () => resolve());
    // The socket reads and drops whatever the server sends, so that it gets the server's end and closes.
    socket.resume();
    socket.write(request, () => socket.end());
  });
}

/** Options of `exchangeRaw`. */
export interface RawExchangeOptions {
  /** Bytes to write once the first bytes of a response have arrived, such as a late bad chunk. */
  afterFirstData?: string;
  /** Whether to half-close the connection right after writing `request`. */
  halfClose?: boolean;
}

/** Writes raw bytes to 127.0.0.1:port and returns every byte received until the server closes. */
export function exchangeRaw(port: number, request: string, options: RawExchangeOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('The server did not close the connection within 5 s')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('data', (chunk: Buffer) => {
      if (chunks.length === 0 && options.afterFirstData !== undefined) socket.write(options.afterFirstData);
      chunks.push(chunk);
    });
    if (options.halfClose === true) socket.end(request);
    else socket.write(request);
  });
}
