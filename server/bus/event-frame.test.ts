import { describe, expect, it } from "vitest";
import type { BoardEvent } from "../board/board-event.ts";
import { batchFrame, EventFrame, sharedBatchFrame } from "./event-frame.ts";

const ev = (seq: number): BoardEvent => ({ board: "demo", seq, name: "task.deleted", data: { taskId: `t${seq}` }, origin: "a", at: 1000 + seq, clientTs: 5 });

function observer() {
  const seen: number[] = [];
  return { seen, observe: (seconds: number) => seen.push(seconds) };
}

describe("EventFrame", () => {
  it("is the event frame of the protocol, field for field, encoded once", () => {
    const frame = new EventFrame(ev(3));
    expect(JSON.parse(frame.frame.toString("utf8"))).toEqual({ type: "event", ...ev(3) });
    expect(frame.frame.toString("utf8").startsWith('{"type":"event",')).toBe(true);
    expect(frame.frame).toBe(frame.frame);
  });

  it("settles the socket hops once, in seconds since release", () => {
    const first = observer();
    const last = observer();
    const frame = new EventFrame(ev(1), { releasedAt: 100, socketFirst: first, socketLast: last });
    frame.settle(100.5, 102);
    frame.settle(200, 300);
    expect(first.seen).toEqual([0.0005]);
    expect(last.seen).toEqual([0.002]);
  });
});

describe("batch frames", () => {
  it("carry one board and the events without their type, in order", () => {
    const frames = [2, 3, 4].map((seq) => new EventFrame(ev(seq)));
    expect(JSON.parse(batchFrame("demo", frames).toString("utf8"))).toEqual({ type: "events", board: "demo", events: [ev(2), ev(3), ev(4)] });
  });

  it("are built once for every socket with the same run of events, and again for a different run", () => {
    const frames = [5, 6, 7].map((seq) => new EventFrame(ev(seq)));
    const once = sharedBatchFrame("demo", frames);
    expect(sharedBatchFrame("demo", [...frames])).toBe(once);
    const shorter = sharedBatchFrame("demo", frames.slice(0, 2));
    expect(shorter).not.toBe(once);
    expect((JSON.parse(shorter.toString("utf8")) as { events: BoardEvent[] }).events.map((e) => e.seq)).toEqual([5, 6]);
  });
});
