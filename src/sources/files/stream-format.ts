/**
 * An input too large to read whole (or one that arrives on a pipe), read as it streams:
 * JSON Lines line by line, text in runs of lines cut between messages, and a single JSON
 * document element by element of its record array. Detection is by content, as for whole
 * inputs; memory holds one line, one run of text or one record at a time, plus the evidence.
 */
import { REPORT_TITLE } from '../../domain/analysis.js';
import { groupLines } from '../../domain/message-text.js';
import { byteLines } from './byte-lines.js';
import { candidateEvidence } from './candidate-lines.js';
import { type DetectedInput, EXPECTED_JSON, exportedEvent, failureText, Reader } from './detect-format.js';
import { BINARY_PROBLEM, EXPECTED_INPUT, looksBinary, peek, replayed, sizeText } from './input-bytes.js';
import { JsonElementScanner } from './json-elements.js';

/** Bytes looked at to tell the format: a few lines of any format. */
const SNIFF_BYTES = 256 * 1024;

/**
 * Lines of text read at a time; a run is cut between two messages, never inside one. Small
 * enough that a run's strings die young: at 20,000 lines they outlived the young generation,
 * and promoting them cost a 92 MB log a quarter of its CPU time (bench/analyze-logs.ts).
 */
const TEXT_RUN_LINES = 4_000;
/** Lines looked back over to find where the last message of a run starts. */
const TEXT_TAIL_LINES = 200;

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

type Format = 'binary' | 'own-report' | 'json-lines' | 'json-document' | 'text';

/** The first complete lines of `head` that hold something. */
function firstLines(head: string, count: number): string[] {
  const lines = head.split(/\r?\n/);
  lines.pop(); // The last one may be cut by the end of the head.
  return lines.filter((line) => line.trim() !== '').slice(0, count);
}

function isJsonObjectLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
  } catch {
    return false;
  }
}

function sniff(head: Buffer): Format {
  if (looksBinary(head)) return 'binary';
  const text = lenientDecoder.decode(head).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith(REPORT_TITLE)) return 'own-report';
  if (!start.startsWith('{') && !start.startsWith('[')) return 'text';
  // One object per line is JSON Lines; a pretty-printed or single-line document has no such line.
  return firstLines(start, 5).some(isJsonObjectLine) ? 'json-lines' : 'json-document';
}

/** Reads a streamed input; `chunks` are its bytes after gunzip, consumed (or closed) here. */
export async function readStreamed(
  source: string,
  chunks: AsyncGenerator<Buffer>,
  maxRecordBytes: number,
): Promise<DetectedInput> {
  const { head } = await peek(chunks, SNIFF_BYTES);
  const reader = new Reader(source);
  const format = sniff(Buffer.concat(head));
  const all = replayed(head, chunks);
  const result = (name: string, records = reader.records): DetectedInput => ({
    ...reader.detected(name),
    records,
  });
  try {
    switch (format) {
      case 'binary':
        reader.warn('', BINARY_PROBLEM, EXPECTED_INPUT);
        return result('unreadable');
      case 'own-report':
        // whydenied's own report quotes its evidence: reading it back would count it twice.
        return { format: 'whydenied-report', evidence: [], warnings: [], records: 0 };
      case 'json-lines':
        await readJsonLines(all, reader, maxRecordBytes);
        return result('json-lines');
      case 'json-document':
        return result(await readJsonDocument(all, reader, source, maxRecordBytes));
      case 'text':
        await readText(all, reader, source, maxRecordBytes);
        return result('text', 0);
    }
  } catch (error) {
    // Past the records' own guards, a failure ends this input there; what was read stays.
    reader.warn('', failureText(error), EXPECTED_INPUT);
    return result(format);
  } finally {
    // Stops reading what is left (a binary file, an own report, an input that failed).
    await chunks.return(undefined);
  }
}

async function readJsonLines(
  chunks: AsyncIterable<Buffer>,
  reader: Reader,
  maxRecordBytes: number,
): Promise<void> {
  for await (const lines of byteLines(chunks, maxRecordBytes)) {
    for (const { number, bytes } of lines) {
      if (bytes?.length === 0) continue;
      const where = `line ${number}`;
      if (bytes === null) {
        reader.warn(
          where,
          `a line longer than ${sizeText(maxRecordBytes)}, not read`,
          'one JSON object per line',
        );
        continue;
      }
      let text: string;
      try {
        text = fatalDecoder.decode(bytes);
      } catch {
        reader.warn(where, 'not UTF-8 text', 'one JSON object per line');
        continue;
      }
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(number === 1 ? text.replace(/^\uFEFF/, '') : text);
      } catch (error) {
        reader.warn(where, `invalid JSON (${(error as Error).message})`, 'one JSON object per line');
        continue;
      }
      reader.jsonLine(value, number);
    }
  }
}

async function readJsonDocument(
  chunks: AsyncIterable<Buffer>,
  reader: Reader,
  source: string,
  maxRecordBytes: number,
): Promise<string> {
  const scanner = new JsonElementScanner(maxRecordBytes);
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += chunk.length;
    for (const element of scanner.push(chunk)) {
      const pointer = element.key === null ? `[${element.index}]` : `${element.key}[${element.index}]`;
      if (!('text' in element)) {
        reader.warn(pointer, `a record longer than ${sizeText(maxRecordBytes)}, not read`, 'a record');
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(element.text);
      } catch (error) {
        reader.warn(pointer, `invalid JSON (${(error as Error).message})`, 'a record');
        continue;
      }
      if (element.key !== null) reader.element(element.key, value, pointer);
      else
        reader.guarded(pointer, EXPECTED_JSON, () => {
          if (!reader.value(value, pointer, undefined, 1))
            reader.warn(pointer, 'unrecognised element', EXPECTED_JSON);
        });
    }
  }
  if (scanner.arrays.length === 0) {
    reader.warn(
      '',
      `a JSON document of ${sizeText(bytes)} without a Records, Events or events array: too large to read whole`,
      `JSON Lines, one record per line, e.g. jq -c '.Records[]' ${source} > records.jsonl`,
    );
    return 'json';
  }
  if (scanner.unfinished)
    reader.warn(
      '',
      'the JSON document stops before its end; the records before were read',
      'a complete JSON document',
    );
  return reader.format;
}

/** Text in runs of lines, each cut where a message starts so no wrapped message is split. */
async function readText(
  chunks: AsyncIterable<Buffer>,
  reader: Reader,
  source: string,
  maxRecordBytes: number,
): Promise<void> {
  let run: string[] = [];
  let firstLine = 1;
  const read = (count: number) => {
    for (const item of candidateEvidence(run.slice(0, count), source)) {
      const line = item.origin.line === undefined ? undefined : item.origin.line + firstLine - 1;
      reader.evidence.push({ ...item, origin: { ...item.origin, ...(line === undefined ? {} : { line }) } });
    }
    run = run.slice(count);
    firstLine += count;
  };
  for await (const lines of byteLines(chunks, maxRecordBytes)) {
    for (const { number, bytes, count } of lines) {
      if (bytes === null) {
        reader.warn(
          `line ${number}`,
          `a line longer than ${sizeText(maxRecordBytes)}, not read`,
          'text lines',
        );
        run.push('');
      } else if (bytes.length > 0) {
        const text = lenientDecoder.decode(bytes);
        // A CloudWatch Logs export line holding an event (ECS task state change, CloudTrail
        // record) is read as that event; it ends the text message before it, as a blank would.
        const event = exportedEvent(text);
        if (event) {
          const where = `line ${number}`;
          reader.guarded(where, 'an exported CloudWatch Logs event', () =>
            reader.value(event, where, number),
          );
          run.push('');
        } else run.push(text);
      } else if (run.length === 0) {
        // A blank line ends every message: with nothing pending, blank lines only move the count.
        firstLine += count;
      } else if (run[run.length - 1] === '') {
        read(run.length);
        firstLine += count;
      } else {
        run.push('');
        if (count > 1) {
          read(run.length);
          firstLine += count - 1;
        }
      }
      if (run.length >= TEXT_RUN_LINES) {
        const cut = lastMessageStart(run);
        // A message longer than a run: cut at two runs, whatever it is, so memory stays bounded.
        if (cut > 0 || run.length >= 2 * TEXT_RUN_LINES) read(cut > 0 ? cut : run.length);
      }
    }
  }
  read(run.length);
}

/** Where the last message of the run starts (an index into `run`); 0 when it may start before the tail. */
function lastMessageStart(run: string[]): number {
  const tailStart = Math.max(0, run.length - TEXT_TAIL_LINES);
  const groups = groupLines(run.slice(tailStart).join('\n'));
  const last = groups[groups.length - 1];
  if (!last || last.line <= 1) return tailStart > 0 ? tailStart : 0;
  return tailStart + last.line - 1;
}
