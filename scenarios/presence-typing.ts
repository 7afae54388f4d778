// Presence and typing across replicas: VUs come in pairs sharing a board
// (leastconn spreads them, so most pairs span two replicas). Each checks that
// its partner shows up in presence, that the partner's typing reaches it with
// the partner's name, and — for the one who stays longer — that the partner
// disappears from presence after leaving. Default plan: none. Presence time is
// taken once per session, just after it starts, so it is warm-up by nature: it
// carries the `phase` tag (lib/phase.ts) but is judged over the whole run.
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import { clearInterval, setInterval, setTimeout } from 'k6/timers';
import { envNumber, envString, runBoard } from './lib/env.ts';
import { phaseClock } from './lib/phase.ts';
import { SwagSession, type Presence } from './lib/swagboard.ts';

const BASE_URL = envString('SWAGBOARD_URL', 'http://127.0.0.1:8080');
const PAIRS = envNumber('PAIRS', 6);
const SESSION_MS = envNumber('SESSION_MS', 9000);
const PRESENCE_WAIT_MS = envNumber('PRESENCE_WAIT_MS', 3000);
const phase = phaseClock(SESSION_MS / 1000);

const presenceSeen = new Rate('swag_presence_partner_seen');
const presenceTime = new Trend('swag_presence_visible_time', true);
const leaveSeen = new Rate('swag_presence_leave_seen');
const typingSeen = new Rate('swag_typing_partner_seen');
const typingReceived = new Counter('swag_typing_received');
const typingWrongName = new Counter('swag_typing_wrong_name');

export const options = {
  scenarios: {
    pairs: {
      executor: 'per-vu-iterations',
      vus: PAIRS * 2,
      iterations: 1,
      maxDuration: `${Math.round(SESSION_MS / 1000) + 15}s`,
    },
  },
  thresholds: {
    swag_presence_partner_seen: ['rate==1'],
    swag_presence_leave_seen: ['rate==1'],
    swag_typing_partner_seen: ['rate==1'],
    swag_typing_wrong_name: ['count==0'],
    swag_presence_visible_time: [`p(99)<${PRESENCE_WAIT_MS}`],
    checks: ['rate==1'],
  },
};

export default function (): void {
  const id = exec.vu.idInTest;
  const first = id % 2 === 1;
  const partner = `pt-${first ? id + 1 : id - 1}`;
  const me = `pt-${id}`;
  const board = `${runBoard('pt')}-${Math.ceil(id / 2)}`.slice(-64).replace(/^-+/, '');
  const partnerLeavesAt = first ? Infinity : SESSION_MS * 0.6;
  let welcomedAt = 0;
  let partnerVisible = false;
  let partnerTyped = false;
  let leftSeenAt = 0;
  let typer: ReturnType<typeof setInterval> | undefined;

  const session: SwagSession = new SwagSession(BASE_URL, me, [board], {
    onWelcome: () => {
      welcomedAt = Date.now();
      typer = setInterval(() => session.typing(board), 700);
    },
    onPresence: (presence: Presence) => {
      const names = presence.members.map((m) => m.name);
      if (!partnerVisible && names.includes(partner)) {
        partnerVisible = true;
        presenceTime.add(Date.now() - welcomedAt, phase.tags());
      }
      if (partnerVisible && !names.includes(partner) && Date.now() - welcomedAt >= partnerLeavesAt - 500)
        leftSeenAt = Date.now();
    },
    onTyping: (typing) => {
      typingReceived.add(1);
      if (typing.name === partner) partnerTyped = true;
      else typingWrongName.add(1, { name: typing.name });
    },
  });

  setTimeout(() => {
    if (typer !== undefined) clearInterval(typer);
  }, SESSION_MS * 0.5);
  setTimeout(
    () => {
      presenceSeen.add(partnerVisible);
      typingSeen.add(partnerTyped);
      if (!first) leaveSeen.add(leftSeenAt > 0);
      check(session, { 'welcomed on a replica': (s) => s.replica.length > 0 });
      session.close();
    },
    first ? SESSION_MS * 0.6 : SESSION_MS,
  );
}
