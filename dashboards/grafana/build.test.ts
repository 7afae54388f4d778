import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dashboard, Panel, VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Dataquery } from '@grafana/grafana-foundation-sdk/prometheus';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, DASHBOARDS } from '../catalogue.ts';
import { FAULT_ACTIVE_METRIC } from '../fault-series.ts';
import { LABEL_VARIABLES } from '../variables.ts';
import { GRAFANA_DIR, grafanaFiles } from './build.ts';
import { DATASOURCE_VARIABLE, PROMETHEUS_DATASOURCE } from './datasource.ts';
import { layoutPanels } from './panels.ts';

const files = grafanaFiles();
// Read back from the generated JSON (what Grafana provisions), typed with the SDK's own model.
const dashboards = DASHBOARDS.map(({ id }) => ({ id, json: JSON.parse(files.get(`${id}.json`)!) as Dashboard }));
const panelsOf = (json: Dashboard) => (json.panels ?? []) as Panel[];
const targetsOf = (panel: Panel) => (panel.targets ?? []) as Dataquery[];
const variablesOf = (json: Dashboard) => (json.templating?.list ?? []) as VariableModel[];

describe('generated Grafana dashboards', () => {
  it('have exactly one panel per catalogue entry, running its expression narrowed by the variables', () => {
    const panels = dashboards.flatMap((d) => panelsOf(d.json).map((panel) => ({ dashboard: d.id, panel })));
    expect(panels).toHaveLength(CATALOGUE.length);
    for (const query of CATALOGUE) {
      const matching = panels.filter(({ panel }) => panel.title === query.title);
      expect(matching, query.id).toHaveLength(1);
      const [{ dashboard, panel }] = matching as [{ dashboard: string; panel: Panel }];
      expect(dashboard).toBe(query.dashboard);
      expect(panel.type).toBe(query.kind);
      expect(targetsOf(panel)).toHaveLength(1);
      const expr = targetsOf(panel)[0]!.expr;
      expect(expr).toBe(query.exprFor({ replica: '$replica', bus: '$bus', runId: '$run_id' }));
      // Every filter the query takes is wired to its variable, and with every variable at "All" (.*) it is the report's query.
      for (const v of LABEL_VARIABLES)
        expect(expr.includes(`$${v.name}`), `${query.id} uses $${v.name}`).toBe(query.filteredBy.includes(v.filter));
      expect(expr.replaceAll(/\$(replica|bus|run_id)/g, '.*').replaceAll('instance=~"(.*):.*"', 'instance=~".*"')).toBe(
        query.exprFor({ replica: '.*', bus: '.*', runId: '.*' }).replaceAll('instance=~"(.*):.*"', 'instance=~".*"'),
      );
    }
    // The filters reach most panels: only lab-wide exporters (HAProxy, Toxiproxy, Postgres, Redis) ignore them.
    expect(
      CATALOGUE.filter((q) => q.filteredBy.length === 0)
        .map((q) => q.id)
        .every((id) => /^(haproxy|link|postgres|redis)-/.test(id)),
    ).toBe(true);
  });

  it('query the data source chosen in $datasource, which defaults to the provisioned Prometheus', () => {
    for (const { json } of dashboards) {
      const datasource = variablesOf(json).find((v) => v.name === DATASOURCE_VARIABLE);
      expect(datasource).toMatchObject({
        type: 'datasource',
        query: 'prometheus',
        current: { value: PROMETHEUS_DATASOURCE.uid },
      });
      for (const panel of panelsOf(json)) {
        expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        for (const target of targetsOf(panel)) expect(target.datasource).toEqual(panel.datasource);
      }
    }
  });

  it('offer run_id, replica and bus as label_values variables with an All that matches every series', () => {
    for (const { json } of dashboards) {
      const variables = variablesOf(json);
      expect(variables.map((v) => v.name)).toEqual(['datasource', 'run_id', 'replica', 'bus', 'report_base']);
      for (const expected of LABEL_VARIABLES) {
        const variable = variables.find((v) => v.name === expected.name)!;
        expect(variable).toMatchObject({
          type: 'query',
          query: `label_values(${expected.metric}, ${expected.labelName})`,
          includeAll: true,
          allValue: '.*',
        });
        expect(variable.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      }
    }
  });

  it('annotate chaos faults from the series the lab writes, for the selected run', () => {
    for (const { json } of dashboards) {
      const faults = (json.annotations?.list ?? []).find((a) => a.name === 'Chaos faults') as
        Record<string, unknown> | undefined;
      expect(faults).toBeDefined();
      expect(faults!.expr).toContain(FAULT_ACTIVE_METRIC);
      expect(faults!.expr).toContain('run_id=~"$run_id"');
      expect(faults).toMatchObject({
        enable: true,
        datasource: { uid: '${datasource}' },
        titleFormat: '{{fault}} {{target}}',
      });
    }
  });

  it('link to the other two dashboards, keeping time and variables, and to the selected run report', () => {
    const uids = dashboards.map((d) => d.json.uid);
    for (const { json } of dashboards) {
      const links = json.links ?? [];
      const toDashboards = links.filter((l) => l.url?.startsWith('/d/'));
      expect(toDashboards.map((l) => l.url!.slice(3)).sort()).toEqual(uids.filter((uid) => uid !== json.uid).sort());
      for (const link of toDashboards) expect(link).toMatchObject({ keepTime: true, includeVars: true });
      expect(links.find((l) => l.title === 'Run report')?.url).toBe('${report_base}/${run_id}/index.html');
      // Shown in the header, not tucked into the controls menu.
      for (const link of links) expect(link.placement, link.title).toBeUndefined();
      for (const annotation of json.annotations?.list ?? [])
        expect(annotation.placement, annotation.name).toBeUndefined();
    }
  });

  it('use unique dashboard uids, unique panel ids and valid grid positions', () => {
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
    for (const { json } of dashboards) {
      const panels = panelsOf(json);
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
      for (const panel of panels) {
        expect(panel.gridPos!.x + panel.gridPos!.w).toBeLessThanOrEqual(24);
        expect(panel.fieldConfig?.defaults.unit).toBeTruthy();
      }
    }
  });

  it('provision the datasource uid the variable defaults to and load dashboards from files', () => {
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
    expect(
      layoutPanels([
        { w: 8, h: 4 },
        { w: 8, h: 4 },
        { w: 12, h: 8 },
        { w: 12, h: 8 },
        { w: 24, h: 9 },
      ]),
    ).toEqual([
      { x: 0, y: 0, w: 8, h: 4 },
      { x: 8, y: 0, w: 8, h: 4 },
      { x: 0, y: 4, w: 12, h: 8 },
      { x: 12, y: 4, w: 12, h: 8 },
      { x: 0, y: 12, w: 24, h: 9 },
    ]);
  });
});
