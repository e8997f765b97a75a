// A server process under test: started, waited on until it reports its port, stopped after.
// Its output is kept, and shown only when something fails.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface ServerProcess {
  readonly url: string;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /**
   * Where the port is reported: a `listening <port>` line on stdout (our server scripts), or
   * workerd's `--control-fd=3` JSON events ({"event":"listen","port":...}).
   */
  port: 'stdout' | 'control-fd';
  /** For `stdout`: the line that reports the port, its first group the port (default `listening <port>`). */
  listening?: RegExp;
}

const LISTENING = /^listening (\d+)$/m;

function readPort(stream: Readable, kind: StartOptions['port'], found: (port: number) => void, listening = LISTENING): void {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    if (kind === 'stdout') {
      const match = listening.exec(text);
      if (match) found(Number(match[1]));
      return;
    }
    for (const line of text.split('\n')) {
      try {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listen' && typeof event.port === 'number') found(event.port);
      } catch {
        // a partial line; the rest comes with the next chunk
      }
    }
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServer(command: string, args: string[], options: StartOptions): Promise<ServerProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.port === 'control-fd' ? (['pipe'] as const) : [])],
  });
  let output = '';
  const keep = (stream: Readable | null): void => {
    stream?.on('data', (chunk: Buffer | string) => {
      output += chunk.toString();
    });
  };
  keep(child.stdout);
  keep(child.stderr);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited(child);
    clearTimeout(timer);
  };

  const portStream = options.port === 'stdout' ? child.stdout : (child.stdio[3] as Readable | null);
  if (!portStream) throw new Error(`${command}: no stream to read the port from`);
  const described = `${command} ${args.join(' ')}`;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not report a port within ${options.timeoutMs} ms`)), options.timeoutMs);
      readPort(
        portStream,
        options.port,
        (p) => {
          clearTimeout(timer);
          resolve(p);
        },
        options.listening,
      );
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) before listening`));
      });
    });
    return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${described}: ${error instanceof Error ? error.message : String(error)}\n--- output ---\n${output}`);
  }
}

/** Runs `check`; if it throws, the server's output is appended to the error message. */
export async function withOutput<T>(server: ServerProcess | undefined, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (server && error instanceof Error) error.message += `\n--- server output ---\n${server.output() || '(none)'}`;
    throw error;
  }
}
