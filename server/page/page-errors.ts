import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { SwagError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { PageUser } from './page-auth.ts';
import { errorPage } from './views/error-page.ts';

/** A form or query parsed by `schema`, or E_BAD_FORM naming each problem ("title: Too small…"). */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success)
    throw new SwagError(
      'E_BAD_FORM',
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  return result.data;
}

/**
 * Expected failures on /boards pages (a missing task, a taken board id, a non-member) answered in the page's
 * terms: a page gets an error page, htmx a short text for page.js's toast. Each is counted by its catalogue code
 * like an API error. Unexpected ones (5xx) go on to the API's handler, which counts and logs them.
 */
export function pageErrorHandler(metrics: Metrics, rootOf: (path: string) => string): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (!req.path.startsWith('/boards') || !(error instanceof SwagError) || error.status >= 500) return next(error);
    metrics.errors.inc({ code: error.code });
    if (req.method === 'GET' && !req.get('HX-Request') && !res.headersSent) {
      return void res
        .status(error.status)
        .type('html')
        .send(errorPage(rootOf(req.path), error.status, error.message, res.locals.user as PageUser | undefined).value);
    }
    res.status(error.status).type('text').send(error.message);
  };
}
