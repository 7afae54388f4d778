import type { Sample } from '../../../metrics/types.ts';

/** One runner sample, as the remote-write output receives it. */
export const sample = (
  metric: string,
  type: Sample['type'],
  value: number,
  tags: Record<string, string> = {},
  contains: Sample['contains'] = 'default',
  time = 0,
): Sample => ({ metric, type, contains, value, tags, time });
