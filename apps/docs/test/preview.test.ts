/** `pnpm preview`: the built site served on 127.0.0.1 with clean URLs, stopped by SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/preview.ts', import.meta.url));
let child: ChildProcess;
let origin: string;

/** Starts the preview script and waits for the line with its address. */
function startPreview(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

beforeAll(async () => {
  child = startPreview({ PORT: '0' });
  const line = await firstLine(child.stdout!);
  origin = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(line)?.[1] ?? '';
  expect(origin, line).not.toBe('');
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGTERM');
});

describe('preview script', () => {
  it.each(['/', '/errors/forbidden', '/errors/insufficient_scope', '/api/idempotency'])('serves %s', async (path) => {
    const response = await fetch(`${origin}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('answers 404 for a missing page', async () => {
    expect((await fetch(`${origin}/errors/not_a_code`)).status).toBe(404);
  });

  it('stops on SIGTERM', async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('rejects an invalid PORT', async () => {
    const invalid = startPreview({ PORT: 'eighty' });
    const [stderr, [code]] = await Promise.all([firstLine(invalid.stderr!), once(invalid, 'exit')]);
    expect(code).toBe(1);
    expect(stderr).toBe('Invalid PORT "eighty": expected an integer from 0 to 65535');
  });
});
