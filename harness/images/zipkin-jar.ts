import { copyFile, link, mkdir } from 'node:fs/promises';
import { canUse } from './file-access.ts';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { run } from './docker-cli.ts';
import { toolCacheDir } from '../paths.ts';

/** Zipkin's server is an Apache-2.0 executable jar on Maven Central; no image is pulled. */
export const ZIPKIN_VERSION = '3.5.1';
const ARTIFACT = `io.zipkin:zipkin-server:${ZIPKIN_VERSION}:jar:exec`;
const JAR_NAME = `zipkin-server-${ZIPKIN_VERSION}-exec.jar`;

/** Kept outside the checkout, so fresh clones (CI) on the same machine reuse it. */
export function zipkinJarPath(): string {
  return join(toolCacheDir, 'jars', JAR_NAME);
}

/** Where `mvn dependency:get` leaves the jar. */
function mavenRepositoryJar(): string {
  return join(homedir(), '.m2', 'repository', 'io', 'zipkin', 'zipkin-server', ZIPKIN_VERSION, JAR_NAME);
}

export async function ensureZipkinJar(log: (line: string) => void): Promise<string> {
  const target = zipkinJarPath();
  if (await canUse(target)) {
    log('zipkin-server jar: present, skipped');
    return target;
  }
  await mkdir(join(toolCacheDir, 'jars'), { recursive: true });
  if (!(await canUse(mavenRepositoryJar()))) {
    log(`zipkin-server jar: fetching ${ARTIFACT} from Maven Central with mvn (131 MB, a minute or so the first time)`);
    const started = Date.now();
    const fetched = await run('mvn', [
      '-q',
      '-B',
      'dependency:get',
      `-Dartifact=${ARTIFACT}`,
      '-Dtransitive=false',
    ]).catch((error: Error) => ({ code: 1, stdout: '', stderr: error.message }));
    if (fetched.code !== 0 || !(await canUse(mavenRepositoryJar()))) {
      throw new Error(
        `could not fetch ${ARTIFACT}; it needs Maven (mvn) and access to Maven Central. mvn said:\n${(fetched.stderr || fetched.stdout).trim()}`,
      );
    }
    log(`zipkin-server jar: fetched in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  // Maven's copy is already outside the checkout: a hard link costs no second 131 MB where the file system allows.
  await link(mavenRepositoryJar(), target).catch(() => copyFile(mavenRepositoryJar(), target));
  return target;
}

/** Into a build context: a hard link where the file system allows (131 MB copied at every lab start adds seconds), else a copy. */
export async function placeZipkinJar(target: string, log: (line: string) => void): Promise<void> {
  const jar = await ensureZipkinJar(log);
  await link(jar, target).catch(() => copyFile(jar, target));
}
