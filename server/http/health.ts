import { Router } from "express";

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** 200 when every dependency answers, 503 when one does not or shutdown began. */
export function healthRouter(replica: string, checks: HealthCheck[], isDraining: () => boolean): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    if (isDraining()) {
      res.status(503).json({ status: "draining", replica });
      return;
    }
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, "ok"] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : "failed"] as const;
        }
      }),
    );
    const healthy = results.every(([, result]) => result === "ok");
    res.status(healthy ? 200 : 503).json({ status: healthy ? "ok" : "unavailable", replica, checks: Object.fromEntries(results) });
  });
  return router;
}
