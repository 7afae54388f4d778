// A few calls of Toxiproxy's HTTP API. Written against the API directly rather
// than toxiproxy-node-client: we need five calls, and that client's toxic list
// offers a `down` type the server rejects (a link goes down with enabled=false).

export type ToxicType = 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data';
export type ToxicStream = 'upstream' | 'downstream';

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
  constructor(readonly baseUrl: string) {}

  async populate(proxies: Array<{ name: string; listen: string; upstream: string; enabled: boolean }>): Promise<void> {
    await this.call('POST', '/populate', proxies);
  }

  async proxies(): Promise<ProxyState[]> {
    return Object.values((await this.call('GET', '/proxies')) as Record<string, ProxyState>).sort((a, b) => a.name.localeCompare(b.name));
  }

  async setEnabled(proxy: string, enabled: boolean): Promise<void> {
    await this.call('POST', `/proxies/${encodeURIComponent(proxy)}`, { enabled });
  }

  async addToxic(proxy: string, toxic: Toxic): Promise<void> {
    await this.call('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, toxic);
  }

  async removeToxic(proxy: string, toxic: string): Promise<void> {
    await this.call('DELETE', `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic)}`);
  }

  /** Enables every proxy and removes every toxic. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`toxiproxy ${method} ${path} failed: ${response.status} ${text.trim()}`);
    return text ? JSON.parse(text) : undefined;
  }
}
