/** A cleartext HTTP/2 (h2c) client for tests against servers on 127.0.0.1. */
import http2 from 'node:http2';

export interface Http2TextResponse {
  status: number;
  headers: http2.IncomingHttpHeaders;
  text: string;
}

/** Maximum wait for one response, in milliseconds, after which the stream is closed and the request fails. */
const RESPONSE_TIMEOUT_MS = 5000;

/**
 * Sends one request over a new h2c connection to 127.0.0.1:port and reads the whole response.
 * Without `body` the request headers end the stream, so the request has no body. A `body` of ''
 * sends the headers and then an empty DATA frame that ends the stream, as Node's client does for a
 * request without `endStream: true`. The client sends no `Content-Length` unless `headers` has one.
 */
export async function sendHttp2(port: number, headers: http2.OutgoingHttpHeaders, body?: string): Promise<Http2TextResponse> {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  try {
    return await new Promise((resolve, reject) => {
      const stream = session.request(headers, { endStream: body === undefined });
      let responseHeaders: http2.IncomingHttpHeaders = {};
      let text = '';
      stream.setEncoding('utf8');
      stream.setTimeout(RESPONSE_TIMEOUT_MS, () => {
        stream.close();
        reject(new Error(`${String(headers[':method'])} ${String(headers[':path'])} timed out after ${RESPONSE_TIMEOUT_MS} ms without a response`));
      });
      stream.on('response', (received) => {
        responseHeaders = received;
      });
      stream.on('data', (chunk: string) => {
        text += chunk;
      });
      stream.on('end', () => resolve({ status: Number(responseHeaders[':status']), headers: responseHeaders, text }));
      stream.on('error', reject);
      if (body !== undefined) stream.end(body);
    });
  } finally {
    session.close();
  }
}
