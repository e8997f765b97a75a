// The open flow sessions of one sandbox, in memory, least recently used first. Only open sessions
// are here: a finished one (completed, closed, stopped with an error) leaves as soon as its final
// row is in the store (sessions.ts), and this registry says which open ones to close to stay
// bounded:
// - a session untouched for `idleMs` is closed: by then the flow token it carries has outlived
//   the life `sendFlow` gives a token (DEFAULT_FLOW_TOKEN_TTL_SECONDS, one day), so an endpoint
//   would only answer it 427; WhatsApp gives no figure for how long a client keeps a flow open;
// - beyond `maxOpen` sessions, the least recently used idle ones are closed to make room, as a
//   phone does with a flow the user left. A session running an action is never picked, so the
//   cap can be passed while more than `maxOpen` actions are in flight.
import { DEFAULT_FLOW_TOKEN_TTL_SECONDS } from '../../api/client/messages.js';

export interface SessionLimits {
  /** Open sessions kept before the least recently used idle ones are closed. */
  readonly maxOpen: number;
  /** Milliseconds a session may sit untouched before it is closed. */
  readonly idleMs: number;
}

/**
 * 500 open sessions: a person testing flows has a few open at a time, a load test a few per phone;
 * at tens of KiB each (the flow's parsed document, form, exchanges) that is tens of MiB at most.
 */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxOpen: 500, idleMs: DEFAULT_FLOW_TOKEN_TTL_SECONDS * 1000 };

/** What the registry needs of a session. */
export interface Registered {
  readonly id: string;
  /** When it was last opened, acted on or looked at (ctx.clock, ms). */
  lastActiveMs: number;
  /** Actions running on it now. */
  busy: number;
  /** Set once the registry picked it for closing, so two callers do not both close it. */
  closing: boolean;
}

export class SessionRegistry<T extends Registered> {
  // Map order is use order: touch() moves a session to the end.
  private readonly sessions = new Map<string, T>();
  limits: SessionLimits = DEFAULT_SESSION_LIMITS;

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): T | undefined {
    return this.sessions.get(id);
  }

  has(session: T): boolean {
    return this.sessions.get(session.id) === session;
  }

  /** Adds or marks as just used. */
  touch(session: T, nowMs: number): void {
    session.lastActiveMs = nowMs;
    this.sessions.delete(session.id);
    this.sessions.set(session.id, session);
  }

  remove(session: T): void {
    if (this.has(session)) this.sessions.delete(session.id);
  }

  values(): IterableIterator<T> {
    return this.sessions.values();
  }

  /**
   * The sessions to close before `incoming` more are added: every idle one untouched for
   * `idleMs`, then the least recently used idle ones until there is room under `maxOpen`.
   * Each is marked `closing`.
   */
  pickToClose(nowMs: number, incoming = 1): T[] {
    const picked: T[] = [];
    let kept = this.sessions.size;
    for (const s of this.sessions.values()) {
      if (s.closing || s.busy > 0) {
        if (s.closing) kept -= 1;
        continue;
      }
      const stale = nowMs - s.lastActiveMs >= this.limits.idleMs;
      if (!stale && kept + incoming <= this.limits.maxOpen) continue;
      s.closing = true;
      picked.push(s);
      kept -= 1;
    }
    return picked;
  }
}
