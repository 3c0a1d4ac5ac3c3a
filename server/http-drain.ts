// Refusing a request before reading its body (413): if the server replies and closes the
// connection while the client is still sending, the client's write fails (EPIPE / ECONNRESET) and
// it never sees the clear error. So the rest of the body is read and discarded first (bounded),
// then the reply is sent on a connection that stays usable.
import type http from 'node:http';

/** Beyond this many discarded bytes the connection is cut instead (nobody should send that much). */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

export function replyAfterDrain(req: http.IncomingMessage, reply: () => void, maxBytes = DRAIN_MAX_BYTES): void {
  if (req.readableEnded) return reply();
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    reply();
    req.socket.destroySoon();
    return;
  }
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) req.socket.destroy();
  });
  req.once('end', reply);
  req.once('error', () => req.socket.destroy());
  req.resume();
}
