// The functions of a V8 CPU profile (.cpuprofile, as `node --cpu-prof` or the inspector's Profiler.stop give it)
// ranked by self time, as shares of all samples.

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  sampledSeconds: number;
  top: { share: number; name: string }[];
}

export function summariseProfile(profile: CpuProfile, count = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    const where = frame?.url
      ? `${frame.url.replace(/^.*\/(node_modules\/|server\/)/, '$1')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame?.functionName || '(anonymous)'} ${where}`.trim();
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
    total += delta;
  });
  const top = [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, count);
  return {
    sampledSeconds: total / 1e6,
    top: top.map(([name, micros]) => ({ share: total > 0 ? micros / total : 0, name })),
  };
}

export function formatSummary(label: string, summary: ProfileSummary): string {
  const lines = summary.top.map(({ share, name }) => `${(100 * share).toFixed(1).padStart(5)}%  ${name}`);
  return [`${label}: ${summary.sampledSeconds.toFixed(1)} s sampled`, ...lines].join('\n');
}
