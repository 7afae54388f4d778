// The lab's calls of Toxiproxy's HTTP API, through toxiproxy-node-client (the
// project card's client). This class is the thin adapter over it, for what it
// lacks or gets wrong for us: its toxic types include `down`, which the server
// rejects (a link goes down with enabled=false, setEnabled here); its Proxy
// objects drop each proxy's toxics, so the listing is read raw; and its errors
// name only a status, so each is rethrown saying which call failed.
import { Toxiproxy, type ToxicDirection, type ToxicType as ClientToxicType } from 'toxiproxy-node-client';

export type ToxicType = Exclude<ClientToxicType, 'down'>;
export type ToxicStream = ToxicDirection;

export interface Toxic {
  name: string;
  type: ToxicType;
  stream: ToxicStream;
  toxicity: number;
  attributes: Record<string, number>;
}

export interface ProxyState {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: Toxic[];
}

export class ToxiproxyApi {
  private readonly client: Toxiproxy;

  constructor(readonly baseUrl: string) {
    this.client = new Toxiproxy(baseUrl);
  }

  async populate(proxies: Array<{ name: string; listen: string; upstream: string; enabled: boolean }>): Promise<void> {
    await described('POST /populate', () => this.client.populate(proxies));
  }

  async proxies(): Promise<ProxyState[]> {
    const { data } = await described('GET /proxies', () =>
      this.client.getApi().get<Record<string, ProxyState>>(`${this.baseUrl}/proxies`),
    );
    return Object.values(data).sort((a, b) => a.name.localeCompare(b.name));
  }

  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    await described(`POST /proxies/${proxy}`, async () => {
      const current = await this.client.get(encodeURIComponent(proxy));
      await current.update({ listen: current.listen, upstream: current.upstream, enabled });
    });
  }

  async addToxic(proxy: string, toxic: Toxic): Promise<void> {
    await described(`POST /proxies/${proxy}/toxics`, async () =>
      (await this.client.get(encodeURIComponent(proxy))).addToxic(toxic),
    );
  }

  async removeToxic(proxy: string, toxic: string): Promise<void> {
    await described(`DELETE /proxies/${proxy}/toxics/${toxic}`, async () => {
      const found = await (await this.client.get(encodeURIComponent(proxy))).getToxic(encodeURIComponent(toxic));
      await found.remove();
    });
  }

  /** Enables every proxy and removes every toxic. */
  async reset(): Promise<void> {
    await described('POST /reset', () => this.client.reset());
  }
}

/** `toxiproxy POST /proxies/replica-1.bus/toxics failed: Request failed with status code 409`. */
async function described<T>(call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`toxiproxy ${call} failed: ${(error as Error).message}`, { cause: error });
  }
}
