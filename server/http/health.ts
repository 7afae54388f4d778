import { Router } from 'express';
import { settlesWithin, type Clock } from '../clock.ts';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

async function withTimeout(work: Promise<void>, ms: number, clock: Clock): Promise<void> {
  if (!(await settlesWithin(clock, work, ms))) throw new Error(`no answer within ${ms} ms`);
}

/** 200 when every dependency answers, 503 when one does not or shutdown began. */
export function healthRouter(replica: string, checks: HealthCheck[], isDraining: () => boolean, clock: Clock): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    if (isDraining()) {
      res.status(503).json({ status: 'draining', replica });
      return;
    }
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS, clock);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : 'failed'] as const;
        }
      }),
    );
    const healthy = results.every(([, result]) => result === 'ok');
    res
      .status(healthy ? 200 : 503)
      .json({ status: healthy ? 'ok' : 'unavailable', replica, checks: Object.fromEntries(results) });
  });
  return router;
}
