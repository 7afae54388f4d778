// Grafana is AGPL and its image cannot be pulled here. Where a user already has
// the official image locally (docker pull grafana/grafana), the lab starts it
// with the dashboards generated from dashboards/catalogue.ts.
import { grafanaFiles } from '../../dashboards/grafana/build.ts';
import { DASHBOARDS_MOUNT } from '../../dashboards/grafana/provisioning.ts';
import { docker } from '../images/docker-cli.ts';

const GRAFANA_REPOSITORIES = ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'];

/** A local Grafana image (`grafana/grafana:latest`…), or undefined when none is present. */
export async function findGrafanaImage(): Promise<string | undefined> {
  for (const repository of GRAFANA_REPOSITORIES) {
    const result = await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repository]);
    const image = result.stdout.split('\n').find((line) => line && !line.endsWith(':<none>'));
    if (image) return image;
  }
  return undefined;
}

/** Provisioning and dashboards, placed where the generated provisioning expects them. */
export function grafanaContainerFiles(): Array<{ target: string; content: string }> {
  return [...grafanaFiles()].map(([relative, content]) => ({
    target: relative.startsWith('provisioning/') ? `/etc/grafana/${relative}` : `${DASHBOARDS_MOUNT}/${relative}`,
    content,
  }));
}

export const GRAFANA_UNAVAILABLE =
  'not available here (no local grafana/grafana image, and no registry to pull it from); ' +
  'the HTML report of `swaglab run` draws the same panels, or `swaglab compose-config` and `--profile grafana` where Docker Hub answers';
