// Who may call the API from a browser, and in what form. Only the desk's own origin (and those
// named in CORS_ORIGINS) may call it; a body is JSON or refused, so another site cannot slip a
// request past the browser's preflight as text/plain or a form post.
import type { Request, RequestHandler } from 'express';
import { refuse } from './http';

/** `CORS_ORIGINS=https://desk.example.com,http://localhost:5173` → the origins, checked. */
export function parseAllowedOrigins(text: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (text ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    let origin: string | undefined;
    try {
      const url = new URL(trimmed);
      if (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.origin === trimmed.replace(/\/$/, '')
      ) {
        origin = url.origin;
      }
    } catch {
      origin = undefined;
    }
    if (!origin)
      throw new Error(`CORS_ORIGINS: "${trimmed}" is not an origin like https://desk.example.com.`);
    origins.push(origin);
  }
  return origins;
}

const EXPOSED_HEADERS = 'Content-Range, X-Total-Count, X-Unread-Count, Retry-After';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, Accept-Language, Content-Language';

// A browser's own Sec-Fetch-Site cannot be set by a page; behind a proxy that rewrites Host it
// still says whether the page and the API share an origin.
function isSameOrigin(req: Request, origin: string): boolean {
  if (req.headers['sec-fetch-site'] === 'same-origin') return true;
  return req.headers.host !== undefined && origin === `${req.protocol}://${req.headers.host}`;
}

/**
 * Same-origin calls pass without CORS headers; an allowed origin gets them (and its preflight a
 * 204); any other origin gets a 403 without Access-Control-Allow-Origin, preflight or not.
 */
export function originPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    res.vary('Origin');
    // meaningless without Access-Control-Allow-Origin, so harmless on same-origin answers
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
      return next();
    }
    if (isSameOrigin(req, origin)) return next();
    next(refuse(403, 'origin_not_allowed', { origin }));
  };
}

/**
 * application/json and application/<something>+json, in UTF-8: JSON is UTF-8 on the wire
 * (RFC 8259), and a body in UTF-7 or UTF-16 would read differently to anything that looks at it
 * as bytes, so any other charset is refused too.
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType = '', ...parameters] = contentType.toLowerCase().split(';');
  if (!/^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/.test(mediaType.trim())) return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=', 2).map((part) => part.trim());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"';
  });
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * A request that carries a body, or a POST/PUT/PATCH that names a content type, must be JSON:
 * 415 otherwise. A body-less GET or DELETE (or a POST with no body and no type) passes.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = Number(req.headers['content-length'] ?? 0);
  const carriesBody = req.headers['transfer-encoding'] !== undefined || length > 0;
  if (!carriesBody && BODYLESS_METHODS.has(req.method)) return next();
  const type = req.headers['content-type'];
  if (type === undefined ? !carriesBody : isJsonMediaType(type)) return next();
  next(refuse(415, 'unsupported_media_type'));
};
