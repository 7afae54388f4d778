import { describe, expect, it } from 'vitest';
import type { LabelledObject, ObjectKind } from './labelled-objects.ts';
import { LABEL_KIND, LABEL_LAB, LABEL_LIFETIME, LABEL_OWNER_HOST, LABEL_OWNER_PID } from './labels.ts';
import { judgeLabs } from './ownership.ts';

const object = (
  kind: ObjectKind,
  lab: string,
  pid: number,
  extra: Record<string, string> = {},
  id = `${kind}-${lab}-${pid}`,
): LabelledObject => ({
  kind,
  id,
  labels: {
    [LABEL_LAB]: lab,
    [LABEL_OWNER_PID]: String(pid),
    [LABEL_OWNER_HOST]: 'here',
    [LABEL_LIFETIME]: 'ephemeral',
    ...extra,
  },
});
const alive = new Set([10, 20]);
const judge = (objects: LabelledObject[]) => judgeLabs(objects, (holder) => !alive.has(holder.pid));

describe('judgeLabs', () => {
  it('keeps a lab while the process that started it runs', () => {
    expect(judge([object('container', 'a', 10), object('network', 'a', 10)]).abandoned).toEqual([]);
  });

  it('takes a lab whose starter is gone and that nobody holds for abandoned', () => {
    expect(
      judge([
        object('container', 'a', 99),
        object('network', 'a', 99),
        object('volume', 'a', 99, { [LABEL_KIND]: 'record' }),
      ]).abandoned,
    ).toEqual(['a']);
  });

  it('keeps a detached lab once its record exists, whoever started it', () => {
    const detached = { [LABEL_LIFETIME]: 'detached' };
    const lab = [
      object('container', 'a', 99, detached),
      object('volume', 'a', 99, { ...detached, [LABEL_KIND]: 'record' }),
    ];
    expect(judge(lab).abandoned).toEqual([]);
  });

  it('takes a detached lab whose starter died before it was ready (no record) for abandoned', () => {
    expect(judge([object('container', 'a', 99, { [LABEL_LIFETIME]: 'detached' })]).abandoned).toEqual(['a']);
  });

  it('keeps a lab whose starter is gone while another process holds it, and names the dead holds', () => {
    const lab = [
      object('container', 'a', 99),
      object('volume', 'a', 20, { [LABEL_KIND]: 'hold' }, 'live-hold'),
      object('volume', 'a', 98, { [LABEL_KIND]: 'hold' }, 'dead-hold'),
    ];
    expect(judge(lab)).toEqual({ abandoned: [], deadHolds: ['dead-hold'] });
  });

  it('takes the record of a detached lab whose containers and network are gone for abandoned', () => {
    expect(
      judge([object('volume', 'a', 99, { [LABEL_LIFETIME]: 'detached', [LABEL_KIND]: 'record' })]).abandoned,
    ).toEqual(['a']);
  });

  it('judges each lab on its own', () => {
    expect(judge([object('container', 'a', 99), object('container', 'b', 10)]).abandoned).toEqual(['a']);
  });
});
