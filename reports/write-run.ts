// Writes one run's artifacts side by side: the raw results (the source of
// truth, re-renderable later), the HTML report and the JUnit XML for CI.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReport } from './html/render-report.ts';
import { renderJUnit } from './junit/render-junit.ts';
import type { RunResults } from './results.ts';

export interface RunArtifactPaths {
  resultsJson: string;
  html: string;
  junit: string;
}

export async function writeRunArtifacts(dir: string, results: RunResults): Promise<RunArtifactPaths> {
  // Render everything before touching the disk so a renderer bug cannot leave
  // a half-written run directory behind.
  const files = {
    resultsJson: { path: join(dir, 'results.json'), content: `${JSON.stringify(results, null, 2)}\n` },
    html: { path: join(dir, 'index.html'), content: renderReport(results) },
    junit: { path: join(dir, 'junit.xml'), content: renderJUnit(results) },
  };
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.values(files).map((file) => writeFile(file.path, file.content, 'utf8')));
  return { resultsJson: files.resultsJson.path, html: files.html.path, junit: files.junit.path };
}
