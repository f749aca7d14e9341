/**
 * Files read by the reader threads give the batches this thread gives, in the order the
 * files were walked, whichever thread finishes first.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { emptyTotals, jsonLinesStream } from '../../bench/cloudtrail-archive.js';
import { type FileBatch, readFiles } from '../../src/sources/files/index.js';
import { DEFAULT_LIMITS } from '../../src/sources/files/input-bytes.js';
import { readOne } from '../../src/sources/files/read-one.js';
import { ReadPool } from '../../src/sources/files/read-pool.js';
import { readsATree, startEarly, takeEarly } from '../../src/sources/files/reader-threads.js';
import { corpusMessage } from '../corpus-cases.js';

function archive(): { root: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'whydenied-pool-'));
  const dir = join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'eu-west-1', '2026', '11', '21');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let n = 0;
  for (const chunk of jsonLinesStream('pool-test', 3_000_000, emptyTotals())) {
    n += 1;
    const path = join(dir, `file-${String(n).padStart(3, '0')}.json.gz`);
    // Files of very different sizes, so the threads finish out of order.
    const records = chunk.trim().split('\n');
    const body = `{"Records":[${(n % 3 === 0 ? records : records.slice(0, 3)).join(',')}]}`;
    writeFileSync(path, gzipSync(body));
    files.push(path);
  }
  const broken = join(dir, 'file-500-broken.json.gz');
  writeFileSync(broken, gzipSync('{"Records":[{"eventSource":"s3.amazonaws.com"').subarray(0, 30));
  const log = join(dir, 'file-501-app.log');
  writeFileSync(log, `2026-11-21T10:00:00.000000+00:00 ecs/app/0a1b2c ${corpusMessage('ecs-09')}\n`);
  files.push(broken, log);
  return { root, files };
}

describe('reader threads', () => {
  it('give the batches this thread gives, in the walked order', async () => {
    const { root, files } = archive();
    expect(files.length).toBeGreaterThan(12);
    const inThread: FileBatch[] = [];
    for (const file of files) inThread.push(await readOne(file, DEFAULT_LIMITS));
    const pool = ReadPool.start(3);
    try {
      // Files sent before the threads have loaded are read in this one.
      await pool.ready();
      const threaded = await Promise.all(files.map((file) => pool.read(file, DEFAULT_LIMITS)));
      expect(threaded).toEqual(inThread);
    } finally {
      await pool.close();
    }
    const walked: FileBatch[] = [];
    for await (const batch of readFiles([root])) walked.push(batch);
    expect(walked).toEqual(inThread);
    expect(walked.flatMap((batch) => batch.evidence).length).toBeGreaterThan(0);
    expect(walked.some((batch) => batch.warnings.length > 0)).toBe(true);
  });

  it('started before the pool (bin/whydenied.js), are taken by it and give the same batches', async () => {
    const { root, files } = archive();
    const inThread: FileBatch[] = [];
    for (const file of files) inThread.push(await readOne(file, DEFAULT_LIMITS));
    startEarly(1);
    const walked: FileBatch[] = [];
    for await (const batch of readFiles([root])) walked.push(batch);
    expect(walked).toEqual(inThread);
    // The pool took the thread, and closed it with itself.
    expect(takeEarly()).toBeUndefined();
  });

  it('are started early only for a command that reads a directory of more than a few files', () => {
    const { root, files } = archive();
    const few = mkdtempSync(join(tmpdir(), 'whydenied-few-'));
    for (const name of ['a.json', 'b.log', 'c.json.gz']) writeFileSync(join(few, name), '{}');
    mkdirSync(join(few, 'sub', '.hidden'), { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(join(few, 'sub', '.hidden', `${i}.json`), '{}');
    expect(readsATree(['analyze', few])).toBe(false);
    expect(readsATree(['analyze', root])).toBe(true);
    expect(readsATree(['report', '--format', 'json', root])).toBe(true);
    expect(readsATree(['fix', root])).toBe(true);
    expect(readsATree(['analyze', ...files.slice(0, 3)])).toBe(false);
    expect(readsATree(['analyze', join(root, 'missing')])).toBe(false);
    expect(readsATree(['analyze'])).toBe(false);
    expect(readsATree(['queries', root])).toBe(false);
    expect(readsATree([])).toBe(false);
  });
});
