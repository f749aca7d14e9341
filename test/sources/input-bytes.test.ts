/**
 * A small file is read and inflated in one call; whatever that call cannot vouch for (a gzip
 * that lies about its size, several members, a bomb, a broken end) gives the bytes and the
 * problem the streamed path gives.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type OpenedInput, openInput } from '../../src/sources/files/input-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'whydenied-bytes-'));
let files = 0;
function file(bytes: Buffer): string {
  files += 1;
  const path = join(dir, `input-${files}.gz`);
  writeFileSync(path, bytes);
  return path;
}

async function bytesOf(opened: OpenedInput): Promise<Buffer> {
  if (opened.kind === 'whole') return opened.bytes;
  const chunks: Buffer[] = [];
  for await (const chunk of opened.chunks) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const text = Buffer.from(
  `{"Records":[${'{"eventSource":"s3.amazonaws.com","eventName":"GetObject"},'.repeat(5000)}{}]}`,
);

describe('openInput', () => {
  it('inflates a gzip whole, whatever size its trailer claims, and reads every member', async () => {
    const lying = gzipSync(text);
    lying.writeUInt32LE(5, lying.length - 4);
    const members = Buffer.concat([gzipSync(text.subarray(0, 1000)), gzipSync(text.subarray(1000))]);
    for (const path of [file(gzipSync(text)), file(members)]) {
      const opened = await openInput(path);
      expect(opened.kind).toBe('whole');
      expect((await bytesOf(opened)).equals(text)).toBe(true);
      expect(opened.status).toEqual({ bytes: text.length, problem: null });
    }
    // A trailer that lies is a broken gzip to zlib: the streamed path names it.
    const opened = await openInput(file(lying));
    await bytesOf(opened);
    expect(opened.status.problem?.problem).toMatch(/broken gzip/);
  });

  it('cuts a gzip that inflates past --max-inflated and says so', async () => {
    const limits = { ...DEFAULT_LIMITS, maxInflatedBytes: 10_000 };
    const opened = await openInput(file(gzipSync(text)), limits);
    const bytes = await bytesOf(opened);
    expect(bytes.length).toBe(10_000);
    expect(bytes.equals(text.subarray(0, 10_000))).toBe(true);
    expect(opened.status.problem?.problem).toMatch(/inflates past/);
  });

  it('streams a gzip that inflates past the whole-read size', async () => {
    const limits = { ...DEFAULT_LIMITS, wholeBelowBytes: 50_000 };
    const opened = await openInput(file(gzipSync(text)), limits);
    expect(opened.kind).toBe('stream');
    expect((await bytesOf(opened)).equals(text)).toBe(true);
    expect(opened.status).toEqual({ bytes: text.length, problem: null });
  });

  it('reads what comes before a broken end, and names the break', async () => {
    const whole = gzipSync(text);
    const opened = await openInput(file(whole.subarray(0, whole.length - 100)));
    await bytesOf(opened);
    expect(opened.status.problem?.problem).toMatch(/broken gzip/);
  });
});
