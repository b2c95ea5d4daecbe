/**
 * HTTP errors with a status, and zod validation of request parts that answers 400 with the reason.
 */
import type { z } from 'zod';

/** An error the server's error handler answers with `statusCode` and `message`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `value` with `schema`; throws a 400 {@link HttpError} naming the first problem. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, `invalid ${what}: ${path}${issue?.message ?? 'bad value'}`);
}

/** The first `max` problems of a failed zod parse as `path: message` lines, for a log. */
export function issueLines(error: z.ZodError, max = 5): string[] {
  return error.issues.slice(0, max).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}
