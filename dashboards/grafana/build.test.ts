import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, DASHBOARDS } from '../catalogue.ts';
import { GRAFANA_DIR, grafanaFiles } from './build.ts';
import { PROMETHEUS_DATASOURCE, layoutPanels } from './dashboard-json.ts';

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { uid: string };
  targets: Array<{ expr: string; refId: string }>;
  fieldConfig: { defaults: { unit: string } };
}

const files = grafanaFiles();
const dashboards = DASHBOARDS.map(({ id }) => ({ id, json: JSON.parse(files.get(`${id}.json`)!) as { uid: string; panels: Panel[] } }));

describe('generated Grafana dashboards', () => {
  it('have exactly one panel per catalogue entry, with the same expression, title and kind', () => {
    const panels = dashboards.flatMap((d) => d.json.panels.map((p) => ({ dashboard: d.id, panel: p })));
    expect(panels).toHaveLength(CATALOGUE.length);
    for (const query of CATALOGUE) {
      const matching = panels.filter(({ panel }) => panel.targets.some((t) => t.expr === query.expr));
      expect(matching, query.id).toHaveLength(1);
      const [{ dashboard, panel }] = matching as [{ dashboard: string; panel: Panel }];
      expect(dashboard).toBe(query.dashboard);
      expect(panel.title).toBe(query.title);
      expect(panel.type).toBe(query.kind);
      expect(panel.targets).toHaveLength(1);
    }
  });

  it('use unique dashboard uids, unique panel ids, the provisioned datasource and valid grid positions', () => {
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
    for (const { json } of dashboards) {
      expect(new Set(json.panels.map((p) => p.id)).size).toBe(json.panels.length);
      for (const panel of json.panels) {
        expect(panel.datasource.uid).toBe(PROMETHEUS_DATASOURCE.uid);
        expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
        expect(panel.fieldConfig.defaults.unit).toBeTruthy();
      }
    }
  });

  it('provision the datasource uid the panels reference and load dashboards from files', () => {
    const datasources = parse(files.get('provisioning/datasources/prometheus.yaml')!);
    expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', uid: PROMETHEUS_DATASOURCE.uid });
    const providers = parse(files.get('provisioning/dashboards/swagboard.yaml')!);
    expect(providers.providers[0]).toMatchObject({ type: 'file', options: { path: expect.any(String) } });
  });

  it('are up to date on disk (run `node dashboards/grafana/build.ts` if this fails)', async () => {
    for (const [relative, content] of files) {
      expect(await readFile(join(GRAFANA_DIR, relative), 'utf8'), relative).toBe(content);
    }
  });
});

describe('layoutPanels', () => {
  it('packs panels into rows of 24 columns without overlap', () => {
    expect(layoutPanels([{ w: 8, h: 4 }, { w: 8, h: 4 }, { w: 12, h: 8 }, { w: 12, h: 8 }, { w: 24, h: 9 }])).toEqual([
      { x: 0, y: 0, w: 8, h: 4 },
      { x: 8, y: 0, w: 8, h: 4 },
      { x: 0, y: 4, w: 12, h: 8 },
      { x: 12, y: 4, w: 12, h: 8 },
      { x: 0, y: 12, w: 24, h: 9 },
    ]);
  });
});
