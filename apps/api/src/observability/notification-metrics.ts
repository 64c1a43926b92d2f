import { Counter, type Registry } from 'prom-client';

export type DeliveryOutcome = 'sent' | 'retried' | 'deadLettered' | 'unmarked' | 'released';

export type DeliveryCounter = Counter<'outcome'>;

/** Deliveries by outcome, for a process that runs the worker and exposes a registry. */
export function createDeliveryCounter(registry: Registry): DeliveryCounter {
  return new Counter({
    name: 'rattrapage_notification_deliveries_total',
    help: 'Notification delivery attempts by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
}
