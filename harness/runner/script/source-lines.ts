// Maps lines of an esbuild bundle back to "file:line" of the script's own
// sources, through the bundle's inline source map, so that messages about a
// function name where the user wrote it rather than a bundle line.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type LineMapper = (bundleLine: number) => string | undefined;

export function sourceLineMapper(code: string): LineMapper {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[^;]+;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (!m?.[1]) return () => undefined;
  let map: { sources?: string[]; mappings?: string };
  try {
    map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as typeof map;
  } catch {
    return () => undefined;
  }
  const sources = map.sources ?? [];
  const firstByLine = new Map<number, string>();
  let source = 0;
  let line = 0;
  (map.mappings ?? '').split(';').forEach((segments, i) => {
    let first: string | undefined;
    for (const seg of segments.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      if (v.length < 4) continue;
      source += v[1] as number;
      line += v[2] as number;
      first ??= `${shortPath(sources[source] ?? '?')}:${line + 1}`;
    }
    if (first) firstByLine.set(i + 1, first);
  });
  return (bundleLine) => firstByLine.get(bundleLine);
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** esbuild writes sources relative to the working directory, often with ../ chains; keep the tail. */
function shortPath(p: string): string {
  return p
    .replace(/^(\.\.\/)+/, '')
    .split('/')
    .slice(-3)
    .join('/');
}
