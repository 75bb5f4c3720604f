// A small keep-alive HTTP client for the benchmark: one request at a time per call, timed from the
// moment the request is written until its whole body has arrived.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpReply {
  status: number;
  text: string;
  /** request written → whole body received, in milliseconds */
  ms: number;
  headers: http.IncomingHttpHeaders;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** give up after this long (the request fails with an error) */
  timeoutMs?: number;
}

export class BenchClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 32) {
    this.base = new URL(baseUrl);
    // idle sockets close before the server's 5 s keep-alive timeout, so a reused socket is never stale
    this.agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 3_000 });
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<HttpReply> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise<HttpReply>((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
              headers: res.headers,
            }),
          );
        },
      );
      req.setTimeout(options.timeoutMs ?? 180_000, () =>
        req.destroy(new Error(`${method} ${path}: no answer in ${options.timeoutMs ?? 180_000} ms`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The request, which must answer 2xx; its body parsed as JSON. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const reply = await this.request(method, path, options);
    if (reply.status < 200 || reply.status >= 300) {
      throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
    }
    return JSON.parse(reply.text) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A list page in ra-data-simple-rest's dialect: the API's own builder. */
export { listQuery } from '../../mock-api/simpleRest';
