// The attacker of the LAN load benchmark, in a process of its own from another loopback address: 1,000
// idle TCP connections (each one the clock drops opened again a second later, as a retrying client
// would) and a junk datagram from each of 200 UDP ports every 50 ms, until stdin ends; then its counts.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** The attacker's 1,000 idle connections and 200 flooding ports. */
export const [IDLE, UDP_PORTS] = [1_000, 200];
/** 200 ports × 20 /s = 4,000 datagrams/s; the attacker is another host on the LAN (loopback has all of 127/8). */
const ATTACK = { udpEveryMs: 50, reopenMs: 1_000, address: '127.0.0.2' };

/** The attacker process: idle connections kept at IDLE (reopened when dropped) and junk UDP, until stdin ends. */
export async function attack(port: number): Promise<void> {
  const counts = { opened: 0, dropped: 0, datagrams: 0 };
  let stopping = false;
  const open = (): void => {
    if (stopping) return;
    counts.opened++;
    const socket = connect({ port, host: '127.0.0.1', localAddress: ATTACK.address });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (stopping) return;
      counts.dropped++;
      setTimeout(open, ATTACK.reopenMs);
    });
    sockets.add(socket);
  };
  const sockets = new Set<ReturnType<typeof connect>>();
  for (let i = 0; i < IDLE; i++) open();
  const udp = await Promise.all(
    Array.from({ length: UDP_PORTS }, async () => {
      const s = createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, ATTACK.address, () => resolve()));
      return s;
    }),
  );
  const junk = Buffer.from([0x41]);
  const flood = setInterval(() => {
    for (const s of udp) s.send(junk, port, '127.0.0.1');
    counts.datagrams += udp.length;
  }, ATTACK.udpEveryMs);
  process.stdout.write('attacking\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  stopping = true;
  clearInterval(flood);
  for (const s of sockets) s.destroy();
  for (const s of udp) s.close();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
