// A lingering close (RFC 9112 §9.6) for answers given before the request body was read (413, 401,
// 404, a refused Host). node:http ends such a connection with destroySoon(): FIN after the answer,
// then the socket is destroyed, and the client's next body bytes meet a reset. A reset can reach
// the client before it has read our answer, so it sees EPIPE or ECONNRESET instead of the 413
// (seen in CI with a 50 MB chunked upload). Instead the server stops writing (FIN) but goes on
// reading, and dropping, what the client still sends, until the client closes or LINGER_MS pass.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a client that keeps sending after our answer is read from before it is cut off. */
export const LINGER_MS = 2_000;

export function lingerOnClose(incoming: IncomingMessage): void {
  const socket = incoming.socket as Socket & { destroySoon?: () => void };
  // Only a plain net socket; HTTP/2 streams close on their own.
  if (typeof socket.destroySoon !== 'function') return;
  socket.destroySoon = () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    // The server's sockets allow half-open connections, so the client's FIN must end ours.
    socket.once('end', () => socket.destroy());
    socket.end();
    // The rest of the body goes to the parser as this request's; nobody reads it, so drop it.
    incoming.resume();
  };
}
