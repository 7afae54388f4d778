import { describe, expect, it } from "vitest";
import type { BoardEvent } from "../board/board-event.ts";
import { EventFrame } from "../bus/event-frame.ts";
import { BoardFeed } from "./board-feed.ts";

const ev = (seq: number): BoardEvent => ({ board: "b", seq, name: "task.deleted", data: { taskId: "t" }, origin: "r", at: 0 });

const live = (seq: number): [BoardEvent, EventFrame] => {
  const event = ev(seq);
  return [event, new EventFrame(event)];
};

function feed(stored: number, window = 100) {
  const sent: number[] = [];
  const resets: number[] = [];
  const feedUnderTest = new BoardFeed({
    board: "b",
    send: (event) => {
      sent.push(event.seq);
      return true;
    },
    read: async (after, limit) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return Array.from({ length: Math.max(0, Math.min(limit, stored - after)) }, (_, i) => ev(after + 1 + i));
    },
    ready: async () => undefined,
    reset: (seq) => resets.push(seq),
    window,
    onReplayed: () => undefined,
    failed: (error) => {
      throw error;
    },
  });
  return { feed: feedUnderTest, sent, resets };
}

describe("BoardFeed", () => {
  it("holds events until started, then sends only those after the board's seq", () => {
    const { feed: f, sent } = feed(5);
    f.live(...live(5));
    f.live(...live(6));
    expect(sent).toEqual([]);
    expect(f.start(5)).toBe("current");
    f.live(...live(7));
    expect(sent).toEqual([6, 7]);
  });

  it("replays from since, with live events arriving meanwhile, without gaps or duplicates", async () => {
    const { feed: f, sent } = feed(60);
    f.live(...live(59));
    expect(f.start(58, 10)).toBe("replayed");
    f.live(...live(60));
    f.live(...live(58));
    await f.settled();
    f.live(...live(61));
    expect(sent).toEqual(Array.from({ length: 51 }, (_, i) => 11 + i));
  });

  it("fills a live gap from the store and reorders", async () => {
    const { feed: f, sent } = feed(10);
    f.start(3);
    f.live(...live(6));
    f.live(...live(4));
    await f.settled();
    expect(sent).toEqual([4, 5, 6]);
  });

  it("sends reset when the client is further behind than the window", async () => {
    const { feed: f, sent, resets } = feed(500, 100);
    expect(f.start(500, 10)).toBe("reset");
    f.live(...live(501));
    expect(resets).toEqual([500]);
    expect(sent).toEqual([501]);
  });
});
