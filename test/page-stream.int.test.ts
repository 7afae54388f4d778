import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SwagServer } from "../server/app.ts";
import { startReplica } from "./support/replicas.ts";
import { startPostgres, startRedis, type RunningService } from "./support/services.ts";
import { SseTestClient, type SseMessage } from "./support/sse-client.ts";

const isUpdate = (message: SseMessage) => message.event === "update" && message.id !== undefined;

/** A page's board stream is a board stream like a socket's: resumed without loss, then every event once, in order. */
describe("SwagBoard page stream: resume and order across replicas (auth open, one Redis)", () => {
  let postgres: RunningService;
  let redis: RunningService;
  let one: SwagServer;
  let two: SwagServer;
  const servers: SwagServer[] = [];
  const streams: SseTestClient[] = [];

  const start = (replica: string) =>
    startReplica({ SWAGBOARD_DATABASE_URL: postgres.url, SWAGBOARD_BUS: "redis", SWAGBOARD_REDIS_URL: redis.url, SWAGBOARD_REPLICA: replica, SWAGBOARD_AUTH: "open" }, servers);

  /** Creates a task through the REST API of `server`; resolves with its event's seq. */
  const create = async (server: SwagServer, board: string, title: string): Promise<number> => {
    const response = await fetch(`${server.url}/api/boards/${board}/tasks`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title, column: "todo" }) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { seq: number }).seq;
  };

  const open = async (server: SwagServer, board: string, after: number) => {
    const stream = await SseTestClient.open(`${server.url}/boards/${board}/stream?after=${after}`);
    streams.push(stream);
    return stream;
  };

  /** The ids of the stream's `update` messages until one carries `last`. */
  const idsUntil = async (stream: SseTestClient, last: number): Promise<number[]> => {
    const ids: number[] = [];
    while (ids.at(-1) !== last) ids.push(Number((await stream.next(isUpdate, 5000)).id));
    return ids;
  };

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    [one, two] = await Promise.all([start("replica-1"), start("replica-2")]);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it("redraws what a reconnecting page missed, then sends each later event once, in order", async () => {
    for (const title of ["one", "two", "three"]) await create(one, "resume", title);
    const stream = await open(two, "resume", 1);
    const missed = await stream.next(isUpdate);
    expect(missed.id).toBe("3");
    expect(missed.data).toContain("two");
    expect(missed.data).toContain("three");
    let last = 0;
    for (const title of ["four", "five", "six"]) last = await create(one, "resume", title);
    expect(await idsUntil(stream, last)).toEqual([4, 5, 6]);
  });

  it("loses and repeats nothing of what is committed while the page joins", async () => {
    await create(one, "burst", "first");
    // Writes on both replicas while the stream joins, reads its snapshot and starts.
    const writes = Promise.all(Array.from({ length: 30 }, (_, i) => create(i % 2 === 0 ? one : two, "burst", `burst ${i}`)));
    const stream = await open(two, "burst", 1);
    const last = Math.max(...(await writes));
    const ids = await idsUntil(stream, last);
    const first = ids[0] as number;
    expect(ids).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
  });
});
