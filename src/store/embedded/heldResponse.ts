import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A response the handler has finished but the client has not yet been sent. */
export interface HeldResponse {
  readonly statusCode: number;
  readonly body: Buffer;
  /** Sends what the handler wrote. */
  release(): void;
  /** Sends `status` with a JSON body instead of what the handler wrote. */
  replaceWith(status: number, body: Record<string, unknown>): void;
}

type Callback = () => void;

/**
 * Intercepts `writeHead`, `write` and `end` of `res` so that nothing reaches the client until
 * `release()`. Resolves when the handler calls `end`.
 */
export function holdResponse(res: ServerResponse): Promise<HeldResponse> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    const callbacks: Callback[] = [];
    const original = { end: res.end.bind(res) };
    const restore = (): void => {
      for (const name of ['writeHead', 'write', 'end']) Reflect.deleteProperty(res, name);
    };
    const send = (): void => {
      restore();
      original.end(Buffer.concat(chunks), () => callbacks.forEach((cb) => cb()));
    };
    const take = (args: unknown[]): void => {
      const [chunk, encoding] = args;
      const callback = args.find((a): a is Callback => typeof a === 'function');
      if (callback) callbacks.push(callback);
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, isEncoding(encoding) ? encoding : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };

    res.writeHead = function writeHead(status: number, ...rest: unknown[]) {
      // Headers become pending state, sent with the body on release.
      res.statusCode = status;
      const [message, headers] = typeof rest[0] === 'string' ? [rest[0], rest[1]] : [undefined, rest[0]];
      if (message !== undefined) res.statusMessage = message;
      if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
        for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) {
          if (value !== undefined) res.setHeader(name, value);
        }
      }
      return res;
    };
    res.write = function write(...args: unknown[]) {
      take(args);
      return true;
    } as ServerResponse['write'];
    res.end = function end(...args: unknown[]) {
      take(args);
      resolve({
        statusCode: res.statusCode,
        get body() {
          return Buffer.concat(chunks);
        },
        release: send,
        replaceWith(status, body) {
          res.statusCode = status;
          for (const name of ['content-length', 'etag', 'x-ms-continuation']) res.removeHeader(name);
          res.setHeader('content-type', 'application/json');
          chunks = [Buffer.from(JSON.stringify(body), 'utf8')];
          send();
        },
      });
      return res;
    } as ServerResponse['end'];
  });
}

function isEncoding(value: unknown): value is BufferEncoding {
  return typeof value === 'string' && Buffer.isEncoding(value);
}
