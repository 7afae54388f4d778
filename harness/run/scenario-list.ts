import { readdirSync } from 'node:fs';
import { scenariosDir } from './run-spec.ts';

/** Scenario names: the k6 scripts directly in scenarios/ (lib/ holds the client library). */
export function listScenarios(): string[] {
  return readdirSync(scenariosDir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => file.replace(/\.(ts|js)$/, ''))
    .sort();
}
