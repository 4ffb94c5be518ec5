import WebSocket from 'ws';

/**
 * A crowd of clients in its own process, so that receiving is not done on the sender's or the server's core. Each
 * speaks the socket.io protocol over a bare WebSocket (engine.io 4, socket.io 5: open, connect with the session cookie
 * at the handshake, join the channel's room, answer pings) and reads only what it measures: the sending time the
 * sender wrote into each message. A full socket.io client decodes every packet into objects; at 250,000 deliveries a
 * second on two cores that decoding, not the server, would be what the bench measures.
 */

export type CrowdCommand =
  { type: 'connect'; url: string; cookies: string[]; room: string } | { type: 'report' } | { type: 'close' };

export type CrowdAnswer =
  | { type: 'connected'; connected: number; failed: number; firstError?: string }
  | { type: 'report'; latencies: Float64Array; received: number; frames: number };

const CONNECT_CONCURRENCY = 50;
const CREATED_PREFIX = '42["messages:created",';
const SENT_AT = /"markdown":"banc (\d+(?:\.\d+)?)"/g;

export const clock = () => performance.timeOrigin + performance.now();

const sockets: WebSocket[] = [];
let latencies = new Float64Array(1 << 20);
let received = 0;
let frames = 0;

/** One frame may carry several messages: each is one delivery. */
function record(frame: string): void {
  const now = clock();
  frames += 1;
  for (const match of frame.matchAll(SENT_AT)) {
    if (received === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[received] = now - Number(match[1]);
    received += 1;
  }
}

function connectOne(url: string, cookie: string, room: string): Promise<void> {
  const address = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  // Frames are read as Latin-1 and not checked for valid UTF-8: what is measured is ASCII, and the client's own work
  // should take as little as possible of the two cores the server shares with it.
  const socket = new WebSocket(address, { headers: { cookie }, perMessageDeflate: false, skipUTF8Validation: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data) => {
      const frame = (data as Buffer).toString('latin1');
      if (frame.startsWith(CREATED_PREFIX)) return record(frame);
      if (frame === '2') return socket.send('3');
      if (frame.startsWith('0{')) return socket.send('40');
      if (frame.startsWith('40')) return socket.send(`420${JSON.stringify(['room:join', room])}`);
      if (frame.startsWith('44')) return reject(new Error(`connection refused: ${frame.slice(2)}`));
      if (frame.startsWith('430')) {
        const [answer] = JSON.parse(frame.slice(3)) as [{ ok: boolean; error?: string }];
        return answer.ok ? resolve() : reject(new Error(`room:join refused: ${answer.error}`));
      }
    });
  });
}

async function connectAll(url: string, cookies: string[], room: string): Promise<CrowdAnswer> {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < cookies.length) {
        const cookie = cookies[next++]!;
        await connectOne(url, cookie, room).catch((error: Error) => {
          failed += 1;
          firstError ??= error.message;
        });
      }
    }),
  );
  return { type: 'connected', connected: cookies.length - failed, failed, firstError };
}

process.on('message', (command: CrowdCommand) => {
  const reply = (answer: CrowdAnswer) => process.send!(answer);
  if (command.type === 'connect') {
    void connectAll(command.url, command.cookies, command.room).then(reply);
  } else if (command.type === 'report') {
    reply({ type: 'report', latencies: latencies.slice(0, received), received, frames });
    received = 0;
    frames = 0;
  } else {
    for (const socket of sockets) socket.close();
    setTimeout(() => process.exit(0), 200);
  }
});
