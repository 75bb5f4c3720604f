// Small HTTP helpers shared by the routes: JSON errors with the right status, and a handler
// wrapper so a thrown error never becomes an HTML page or a hang.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
import { fieldErrors } from '../src/domain/validation';
import type { Role } from '../src/domain/model';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface AuthedUser {
  id: string;
  role: Role;
  username: string;
}

export interface AuthedRequest extends Request {
  user: AuthedUser;
}

export function sendError(
  res: Response,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  res.status(status).json({ message, ...extra });
}

type Handler = (req: AuthedRequest, res: Response) => void | Promise<void>;

export function route(handler: Handler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = handler(req as AuthedRequest, res);
      if (result instanceof Promise) result.catch(next);
    } catch (error) {
      next(error);
    }
  };
}

/** Parses a body with a zod schema; a failure is a 422 with one message per field. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  const summary = Object.entries(errors)
    .map(([field, message]) => (field === '_body' ? message : `${field}: ${message}`))
    .join(' ');
  throw new ApiError(422, `The request body is invalid. ${summary}`.trim(), { errors });
}

export function idParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw new ApiError(400, 'Malformed id.');
  }
  return id;
}
