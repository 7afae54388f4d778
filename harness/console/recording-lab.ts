// A ChaosLab that passes every call to the real lab and marks it on the fault
// timeline, so a chaos plan played from the console shades the charts exactly
// while each of its faults is in force.
import type { ChaosLab } from '../../chaos/index.ts';
import type { Lab } from '../lab/index.ts';
import type { FaultTimeline } from './fault-timeline.ts';

export function recordingLab(lab: Lab, timeline: FaultTimeline, prefix: string): ChaosLab {
  return {
    linkNames: () => lab.linkNames(),
    replicaNames: () => lab.replicaNames(),
    services: () => lab.services(),
    link(name) {
      const link = lab.link(name);
      return {
        async addToxic(options) {
          const toxic = await link.addToxic(options);
          timeline.open(`toxic:${name}:${toxic}`, `${prefix}: ${options.type} on ${name}`);
          return toxic;
        },
        async removeToxic(toxic) {
          await link.removeToxic(toxic);
          timeline.close(`toxic:${name}:${toxic}`);
        },
        async down() {
          await link.down();
          timeline.open(`link:${name}`, `${prefix}: link ${name} down`);
        },
        async up() {
          await link.up();
          timeline.close(`link:${name}`);
        },
      };
    },
    replica(name) {
      const replica = lab.replica(name);
      const breaks = (verb: 'kill' | 'stop' | 'pause') => async () => {
        timeline.open(`replica:${replica.name}`, `${prefix}: ${verb} ${replica.name}`);
        await replica[verb]();
      };
      const heals = (verb: 'unpause' | 'restart') => async () => {
        await replica[verb]();
        timeline.close(`replica:${replica.name}`);
      };
      return {
        kill: breaks('kill'),
        stop: breaks('stop'),
        pause: breaks('pause'),
        unpause: heals('unpause'),
        restart: heals('restart'),
      };
    },
    async restartService(service) {
      await lab.restartService(service);
      timeline.instant(`service:${service}`, `${prefix}: restart ${service}`);
    },
  };
}
