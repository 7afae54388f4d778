import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface CorpusServer {
  /** __ENV the cases read: BASE_URL (http://…) and WS_URL (ws://…). */
  env: { BASE_URL: string; WS_URL: string };
  stop(): Promise<void>;
}

/** Starts server.mjs in its own process (see its header for the endpoints). */
export async function startCorpusServer(): Promise<CorpusServer> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, 'server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = /listening (\d+)/.exec(line.toString())?.[1];
  if (!port) {
    child.kill();
    throw new Error(`conformance server did not start: ${line.toString()}`);
  }
  return {
    env: { BASE_URL: `http://127.0.0.1:${port}`, WS_URL: `ws://127.0.0.1:${port}` },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
