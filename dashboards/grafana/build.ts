// Generates dashboards/grafana/*.json and the provisioning YAML from the
// catalogue. Run: `node dashboards/grafana/build.ts` (Node strips the types).
// The outputs are committed so compose can mount them without a build step;
// build.test.ts fails when they are stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARDS } from '../catalogue.ts';
import { grafanaDashboard } from './dashboard.ts';
import { dashboardsYaml, datasourcesYaml } from './provisioning.ts';

export const GRAFANA_DIR = dirname(fileURLToPath(import.meta.url));

/** Relative path (under dashboards/grafana) → file content. Pure. */
export function grafanaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { id } of DASHBOARDS) {
    files.set(`${id}.json`, `${JSON.stringify(grafanaDashboard(id), null, 2)}\n`);
  }
  files.set('provisioning/datasources/prometheus.yaml', datasourcesYaml());
  files.set('provisioning/dashboards/swagboard.yaml', dashboardsYaml());
  return files;
}

export async function writeGrafanaFiles(outDir = GRAFANA_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const [relative, content] of grafanaFiles()) {
    const path = join(outDir, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, 'utf8');
    written.push(path);
  }
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const path of await writeGrafanaFiles()) console.log(`wrote ${path}`);
}
