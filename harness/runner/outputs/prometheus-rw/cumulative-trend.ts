// Every value of one trend series since the start, kept sorted for
// cumulative percentiles. A push sorts only the values that arrived since the
// previous one and merges them in place (from the back), so each push costs
// O(new · log new + all) rather than re-sorting millions of latencies every
// second.
import { parsePercentileStat, percentile } from '../../metrics/sinks.ts';

export class CumulativeTrend {
  private sorted = new Float64Array(1024);
  private size = 0;
  private pending: number[] = [];
  private total = 0;

  get count(): number {
    return this.size + this.pending.length;
  }

  get sum(): number {
    return this.total;
  }

  add(value: number): void {
    this.pending.push(value);
    this.total += value;
  }

  /** count, sum, min, max, avg, med, p(N) over every value so far; 0 before the first. */
  stat(name: string): number {
    if (name === 'count') return this.count;
    if (name === 'sum') return this.total;
    this.mergePending();
    if (this.size === 0) return 0;
    switch (name) {
      case 'min':
        return this.sorted[0]!;
      case 'max':
        return this.sorted[this.size - 1]!;
      case 'avg':
        return this.total / this.size;
      case 'med':
        return percentile(this.view(), 50);
    }
    const p = parsePercentileStat(name);
    if (p === undefined) throw new Error(`unknown trend stat "${name}"`);
    return percentile(this.view(), p);
  }

  private view(): Float64Array {
    return this.sorted.subarray(0, this.size);
  }

  private mergePending(): void {
    if (this.pending.length === 0) return;
    const fresh = Float64Array.from(this.pending).sort();
    this.pending = [];
    const needed = this.size + fresh.length;
    if (needed > this.sorted.length) {
      const grown = new Float64Array(Math.max(needed, this.sorted.length * 2));
      grown.set(this.view());
      this.sorted = grown;
    }
    // Merge from the back: the largest of the two tails goes to the end of the buffer.
    let i = this.size - 1;
    let j = fresh.length - 1;
    for (let at = needed - 1; j >= 0; at--) {
      if (i >= 0 && this.sorted[i]! > fresh[j]!) this.sorted[at] = this.sorted[i--]!;
      else this.sorted[at] = fresh[j--]!;
    }
    this.size = needed;
  }
}
