// Prints the top functions of a V8 .cpuprofile (from `node --cpu-prof`) by self time, as percent of all samples.
//   tsx server/bench/cpu-profile-top.ts <file.cpuprofile> [--top 25]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
const file = positionals[0];
if (!file) throw new Error("usage: cpu-profile-top.ts <file.cpuprofile> [--top N]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const frame = byId.get(id)?.callFrame;
  const where = frame?.url ? `${frame.url.replace(/^.*\/(node_modules\/|server\/)/, "$1")}:${frame.lineNumber + 1}` : "";
  const key = `${frame?.functionName || "(anonymous)"} ${where}`.trim();
  selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
  total += delta;
});
const top = [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
for (const [name, micros] of top) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`);
