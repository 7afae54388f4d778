// The lab drawn as one inline SVG: clients → client.edge / client.slow →
// HAProxy → replicas → bus and Postgres. Every link is an edge coloured by its
// state, with its active toxics written on it; every replica a box coloured by
// its state. Pure: status in, markup out.
import { html, raw, type SafeHtml } from '../../server/page/html.ts';
import type { Toxic } from '../lab/toxiproxy-api.ts';

export type ReplicaState = 'up' | 'down' | 'paused' | 'draining' | 'starting';

export interface ReplicaView {
  name: string;
  state: ReplicaState;
  container: string;
  haproxy: string;
  connections: number;
}

export interface LinkView {
  /** Direct links bypass Toxiproxy: no faults, drawn grey. */
  direct: boolean;
  enabled: boolean;
  toxics: Toxic[];
}

export interface TopologyView {
  bus: string;
  replicas: ReplicaView[];
  links: Record<string, LinkView>;
}

const ROW = 110;
const TOP = 70;

export function linkState(link: LinkView | undefined): 'ok' | 'toxic' | 'down' | 'direct' | 'missing' {
  if (!link) return 'missing';
  if (link.direct) return 'direct';
  if (!link.enabled) return 'down';
  return link.toxics.length ? 'toxic' : 'ok';
}

/** `latency 200ms ↓`: short enough to sit on an edge. */
export function toxicSummary(toxic: Toxic): string {
  const main = Object.values(toxic.attributes)[0];
  const arrow = toxic.stream === 'upstream' ? '↑' : '↓';
  const share = toxic.toxicity < 1 ? ` ${Math.round(toxic.toxicity * 100)}%` : '';
  return `${toxic.type}${main !== undefined ? ` ${main}` : ''} ${arrow}${share}`;
}

function node(
  x: number,
  y: number,
  w: number,
  label: string,
  sub: string,
  cls: string,
  data: SafeHtml = raw(''),
): SafeHtml {
  return html`<g class="node ${cls}" ${data}><rect x="${x}" y="${y - 22}" width="${w}" height="44" rx="8"></rect><text x="${x + w / 2}" y="${y - 3}" text-anchor="middle" class="node-label">${label}</text><text x="${x + w / 2}" y="${y + 14}" text-anchor="middle" class="node-sub">${sub}</text></g>`;
}

interface EdgeLabel {
  x: number;
  y: number;
  text: string;
  /** Where the toxic caption goes relative to the name: below (+) or above (−). */
  captionDy: number;
}

function edge(
  name: string,
  link: LinkView | undefined,
  from: [number, number],
  to: [number, number],
  label?: EdgeLabel,
): SafeHtml {
  const state = linkState(link);
  const [x1, y1] = from;
  const [x2, y2] = to;
  const at = label ?? { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 6, text: name, captionDy: 18 };
  const toxics = link?.toxics ?? [];
  const caption = state === 'down' ? 'DOWN' : toxics.map(toxicSummary).join(', ');
  return html`<g class="link link-${state}" data-link="${name}" data-state="${state}" data-toxics="${toxics.map((t) => t.name).join(' ')}"><title>${name}: ${state}${toxics.length ? ` (${toxics.map((t) => t.name).join(', ')})` : ''}</title><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"></line><text x="${at.x}" y="${at.y}" class="link-name">${at.text}</text>${caption ? html`<text x="${at.x}" y="${at.y + at.captionDy}" class="link-toxics">${caption}</text>` : ''}</g>`;
}

export function topologySvg(view: TopologyView): SafeHtml {
  const n = Math.max(1, view.replicas.length);
  const replicaY = (i: number) => TOP + i * ROW;
  const midY = TOP + ((n - 1) * ROW) / 2;
  // Bus above the replica column, Postgres below it: the edges to each fan out
  // from the replica, and their labels sit near the replica end, clear of the
  // crossings in the middle.
  const busY = replicaY(0) - 40;
  const pgY = replicaY(n - 1) + 40;
  const height = pgY + 40;
  const edges: SafeHtml[] = [
    edge('client.edge', view.links['client.edge'], [110, midY - 10], [250, midY - 10], {
      x: 124,
      y: midY - 16,
      text: 'client.edge',
      captionDy: -13,
    }),
    edge('client.slow', view.links['client.slow'], [110, midY + 14], [250, midY + 14], {
      x: 124,
      y: midY + 28,
      text: 'client.slow',
      captionDy: 13,
    }),
  ];
  view.replicas.forEach((r, i) => {
    const y = replicaY(i);
    edges.push(
      edge(`${r.name}.http`, view.links[`${r.name}.http`], [360, midY], [470, y], {
        x: 372,
        y: midY + (y - midY) * 0.6 - 6,
        text: `${r.name}.http`,
        captionDy: 16,
      }),
      // Named after the replica they leave, and labelled beside it (bus above, Postgres below), so rows never share a label spot.
      edge(`${r.name}.bus`, view.links[`${r.name}.bus`], [630, y - 10], [770, busY], {
        x: 636,
        y: y - 26,
        text: '.bus',
        captionDy: -13,
      }),
      edge(`${r.name}.postgres`, view.links[`${r.name}.postgres`], [630, y + 10], [770, pgY], {
        x: 636,
        y: y + 34,
        text: '.postgres',
        captionDy: 13,
      }),
    );
  });
  const replicas = view.replicas.map((r, i) =>
    node(
      470,
      replicaY(i),
      160,
      r.name,
      `${r.state} · ${r.connections} conn · ${r.haproxy}`,
      `replica replica-${r.state}`,
      html`data-replica="${r.name}" data-state="${r.state}"`,
    ),
  );
  return html`<svg class="topology" viewBox="0 0 890 ${height}" width="100%" role="img" aria-label="lab topology">
${edges}
${node(0, midY, 110, 'clients', 'load, browsers', 'client')}
${node(250, midY, 110, 'HAProxy', 'round robin', 'haproxy')}
${replicas}
${node(770, busY, 110, view.bus, 'bus', 'bus')}
${node(770, pgY, 110, 'postgres', 'store', 'postgres')}
</svg>`;
}
