import type { ImageName } from '../images/image-catalogue.ts';
import type { LabSpec } from './lab-spec.ts';

/** The images a lab of this bus runs (Zipkin only with traces), in start order: one list for Testcontainers and compose alike. */
export function labImages({ bus, traces }: Pick<LabSpec, 'bus' | 'traces'>): ImageName[] {
  return [
    'postgres',
    bus,
    'toxiproxy',
    'server',
    'haproxy',
    'prometheus',
    'postgres-exporter',
    ...(bus === 'redis' ? ['redis-exporter' as const] : []),
    ...(traces ? ['zipkin' as const] : []),
  ];
}
