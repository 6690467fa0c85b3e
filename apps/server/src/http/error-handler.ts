import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '@vigil/core';
import { DatabaseUnavailableError, isFailoverError } from '@vigil/db';
import { commitOutcomeError } from './commit-outcome-error.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** One JSON error shape for every failure; unknown errors are logged and never leak internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let status: number;
    let body: ErrorBody;
    const outcome = commitOutcomeError(err, req);
    if (outcome) {
      status = outcome.status;
      body = { error: { code: outcome.code, message: outcome.message, requestId: req.id } };
      if (outcome.retryAfter) reply.header('retry-after', String(outcome.retryAfter));
    } else if (err instanceof AppError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, details: err.details } };
      if (err.retryAfter) reply.header('retry-after', String(err.retryAfter));
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const details = err.validation.map((v) => ({
        path: [
          err.validationContext,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message,
      }));
      body = {
        error: {
          code: 'VALIDATION_FAILED',
          message: `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
          details,
        },
      };
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      const code =
        status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : status === 404
              ? 'NOT_FOUND'
              : status === 429
                ? 'RATE_LIMITED'
                : 'BAD_REQUEST';
      body = { error: { code, message: err.message } };
    } else if (isBadValueForColumn(err)) {
      // Safety net behind the route schemas: a value PostgreSQL cannot store in its column (an id
      // past 2147483647, text where a number belongs) is the caller's mistake, never a 500.
      status = 400;
      const message =
        (err as { code?: string }).code === '22003'
          ? 'Invalid request: a number in the request is out of range (ids are 1 to 2147483647)'
          : 'Invalid request: a value in the request is not of the expected type';
      body = { error: { code: 'VALIDATION_FAILED', message, details: [{ path: 'request', message }] } };
    } else if (err instanceof DatabaseUnavailableError || isFailoverError(err)) {
      // A database failover in progress: safe to retry shortly (nginx retries idempotent requests).
      status = 503;
      req.log.warn({ err, reqId: req.id }, 'database unavailable');
      reply.header('retry-after', '1');
      body = {
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'The database is failing over; retry in a moment',
          requestId: req.id,
        },
      };
    } else {
      status = 500;
      req.log.error({ err, reqId: req.id }, 'unhandled error');
      body = {
        error: {
          code: 'INTERNAL',
          message: `Internal error; quote request id ${req.id} when reporting it`,
          requestId: req.id,
        },
      };
    }
    void reply.status(status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
}

/** PostgreSQL's numeric_value_out_of_range (22003) and invalid_text_representation (22P02). */
function isBadValueForColumn(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '22003' || code === '22P02';
}
