import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from './metrics.ts';
import { routeLabel } from './route-label.ts';

/** Counts and times every HTTP request once its response is done (or abandoned). */
export function httpMetrics(metrics: ApiMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const labels = {
        route: routeLabel(req.originalUrl),
        method: req.method,
        status: String(res.statusCode),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/** GET /metrics: the Prometheus text exposition of this API's registry. */
export function metricsEndpoint(metrics: ApiMetrics) {
  return async (_req: Request, res: Response) => {
    res.set('content-type', metrics.registry.contentType);
    res.set('cache-control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}
