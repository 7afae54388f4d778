import type { Toxic, ToxicStream, ToxicType, ToxiproxyApi } from './toxiproxy-api.ts';

export interface ToxicOptions {
  type: ToxicType;
  /** upstream = client → server direction, downstream = server → client. */
  stream?: ToxicStream;
  /** Fraction of connections affected, 0..1. */
  toxicity?: number;
  attributes?: Record<string, number>;
  name?: string;
}

/** One Toxiproxy proxy: a hop of the lab that can be slowed, cut or broken. */
export class Link {
  constructor(
    readonly name: string,
    private readonly api: ToxiproxyApi,
  ) {}

  async addToxic(options: ToxicOptions): Promise<string> {
    const stream = options.stream ?? 'downstream';
    const toxic: Toxic = {
      name: options.name ?? `${options.type}_${stream}`,
      type: options.type,
      stream,
      toxicity: options.toxicity ?? 1,
      attributes: options.attributes ?? {},
    };
    await this.api.addToxic(this.name, toxic);
    return toxic.name;
  }

  removeToxic(name: string): Promise<void> {
    return this.api.removeToxic(this.name, name);
  }

  /** Cuts the link: open connections are closed and new ones refused. */
  down(): Promise<void> {
    return this.api.setEnabled(this.name, false);
  }

  up(): Promise<void> {
    return this.api.setEnabled(this.name, true);
  }

  async toxics(): Promise<Toxic[]> {
    return (await this.api.proxies()).find((p) => p.name === this.name)?.toxics ?? [];
  }
}
