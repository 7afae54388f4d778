// Where the time of one change goes (issue 8 §2), as results.json carries it:
// per path, each hop's p50/p99 from the server's swagboard_hop_seconds
// histograms, beside the client's end-to-end figure for the same path.
//
// The hops of a path, in the order a change passes them (CONTRACTS.md):
// - same-node: the write hops up to the commit, then the origin replica's
//   sequencer releases it (release{same}) and hands it to its sockets;
// - cross-node: the write hops, the bus (bus_transit, from the moment the
//   origin hands the event to its bus client to the moment another replica
//   receives it), the receiving replica's sequencer (release{cross}, reorder
//   wait included) and its sockets. commit_publish (until the bus acknowledges
//   the publish) runs beside bus_transit from the same instant, so it is not a
//   step of the path: summing both would count the bus twice.
// socket_first and socket_last both count from the release: a reader's event
// reaches it somewhere between the two, so socket_last is drawn as what the
// last socket adds beyond the first, not as one more step.

export type WaterfallPathName = 'same' | 'cross';
export type WaterfallPhase = 'steady' | 'whole-run';

export interface WaterfallHop {
  hop: string;
  p50Ms: number;
  p99Ms: number;
  /** Observations in the window (one per event per replica). */
  count: number;
}

export interface WaterfallFigures {
  p50Ms: number;
  p99Ms: number;
  /** Which client samples the figure covers; absent in older results. */
  phase?: WaterfallPhase;
}

export interface WaterfallPath {
  path: WaterfallPathName;
  /** In path order; hops without observations are left out. */
  hops: WaterfallHop[];
  /** Client-measured writer's send → reader's receive (swag_broadcast_latency{path}). */
  endToEnd?: WaterfallFigures;
}

export interface Waterfall {
  paths: WaterfallPath[];
  /** Client-measured send → ack (swag_ack_latency), when the scenario wrote over the WebSocket. */
  ack?: WaterfallFigures;
  /** Seconds of the run the hop histograms cover, ending at the run's end. */
  windowSeconds?: number;
  /** steady: warm-up left out of the hop window; whole-run: it was not known. */
  phase?: WaterfallPhase;
}

/** One hop of the server's histogram: its `hop` label and the `path` label it is observed under. */
export interface HopSeries {
  hop: string;
  histogramPath: 'write' | 'same' | 'cross';
}

const WRITE_HOPS: HopSeries[] = [
  { hop: 'receive_validate', histogramPath: 'write' },
  { hop: 'validate_commit', histogramPath: 'write' },
];

export const PATH_HOPS: Record<WaterfallPathName, HopSeries[]> = {
  same: [
    ...WRITE_HOPS,
    { hop: 'release', histogramPath: 'same' },
    { hop: 'socket_first', histogramPath: 'same' },
    { hop: 'socket_last', histogramPath: 'same' },
  ],
  cross: [
    ...WRITE_HOPS,
    { hop: 'bus_transit', histogramPath: 'cross' },
    { hop: 'release', histogramPath: 'cross' },
    { hop: 'socket_first', histogramPath: 'cross' },
    { hop: 'socket_last', histogramPath: 'cross' },
  ],
};

/** Counts from the release, like socket_first: drawn as what the last socket adds beyond the first. */
export const LAST_SOCKET_HOP = 'socket_last';
export const FIRST_SOCKET_HOP = 'socket_first';
export const BUS_HOP = 'bus_transit';
