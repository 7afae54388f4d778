// `swaglab compose-config`: writes the compose project for a topology, naming
// the images this checkout builds by their content-hash tags (never `:latest`,
// which any other checkout on the machine may have retagged since).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureImages } from '../images/ensure-images.ts';
import { labImages } from './lab-images.ts';
import type { ImageName } from '../images/image-catalogue.ts';
import { composeDir } from '../paths.ts';
import { composeProject } from './compose-project.ts';
import { findGrafanaImage } from './grafana.ts';
import type { Bus } from './topology.ts';

export const composeGeneratedDir = join(composeDir, 'generated');

/** Every image of a compose lab (Zipkin included; Grafana is pulled, not built). */
export function composeImages(bus: Bus): ImageName[] {
  return labImages({ bus, traces: true });
}

/** Builds (or confirms) the images, then writes the project; returns the paths written, docker-compose.yml first. */
export async function writeComposeConfig(
  { replicas, bus }: { replicas: number; bus: Bus },
  dir = composeGeneratedDir,
  log: (line: string) => void = () => {},
): Promise<string[]> {
  const images = await ensureImages(composeImages(bus), log);
  const grafanaImage = await findGrafanaImage();
  const files = composeProject({
    replicas,
    bus,
    images,
    grafanaImage,
    tokenSecret: `compose-${randomBytes(12).toString('hex')}`,
  });
  return writeComposeFiles(files, dir);
}

export async function writeComposeFiles(files: Map<string, string>, dir: string): Promise<string[]> {
  const written: string[] = [];
  const composeFirst = ([a]: [string, string], [b]: [string, string]) =>
    a === 'docker-compose.yml' ? -1 : b === 'docker-compose.yml' ? 1 : a.localeCompare(b);
  for (const [relative, content] of [...files].sort(composeFirst)) {
    const path = join(dir, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    written.push(path);
  }
  return written;
}
