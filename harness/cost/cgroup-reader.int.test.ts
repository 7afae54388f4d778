// The contract against this host's real cgroup tree and a real container
// (Redis from the lab's image): v1 on these machines, v2 on many others.
import { access } from 'node:fs/promises';
import { startRedis } from '../../test/support/services.ts';
import { describeCgroupReaderContract } from './cgroup-reader-contract.ts';

describeCgroupReaderContract('this host, a real container', async () => {
  const redis = await startRedis();
  const version = await access('/sys/fs/cgroup/cgroup.controllers').then(
    () => 'v2' as const,
    () => 'v1' as const,
  );
  return {
    root: '/sys/fs/cgroup',
    version,
    containerId: redis.container.getId(),
    // A shell loop inside the container runs in its cgroup; it spins until its own
    // user + system time (/proc/self/stat, 100 ticks/s) reaches the CPU asked for, however loaded the host.
    work: async (cpuSeconds) => {
      const ticks = Math.ceil(cpuSeconds * 100);
      const spin = `while :; do set -- $(cat /proc/$$/stat); [ $((\${14} + \${15})) -ge ${ticks} ] && break; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; done`;
      const result = await redis.container.exec(['sh', '-c', `${spin}; head -c 2000000 /dev/zero > /tmp/fill`]);
      if (result.exitCode !== 0) throw new Error(`work in container failed: ${result.output}`);
    },
    close: () => redis.stop(),
  };
});
