/**
 * `npx tsx bench/long-text.ts`
 *
 * Times the text reader (grouping lines into messages, then reading them) on the long inputs
 * that once broke it: 130,000 indented lines under one error (a spread over their indents
 * overflowed the stack), 80,000 stack-trace frames (joining them was quadratic, 84 s), and one
 * line of a million brackets after a short one (a break's rules anchored at its end: 35 s at 188 KB).
 * Prints figures; it asserts nothing about speed.
 */
import { readFileSync } from 'node:fs';
import { textEvidence } from '../src/sources/files/text-input.js';

function indented(lines: number): string {
  const detail = Array.from({ length: lines }, (_, index) => `    detail line ${index}`);
  return ['AccessDeniedException: Access Denied', ...detail].join('\n');
}

function stackTrace(lines: number): string {
  const frames = Array.from(
    { length: lines },
    (_, index) => `    at com.example.Service${index % 97}.call(Service.java:${index})`,
  );
  const heading =
    'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403)';
  return [heading, ...frames].join('\n');
}

/** What the mutated-inputs property found: a line of brackets between a backslash and a CloudTrail record. */
function longLine(length: number): string {
  const record = readFileSync(
    new URL('../test/fixtures/aws/cloudtrail-kms-putkeypolicy-awsdocs.json', import.meta.url),
    'utf8',
  );
  return ['', '\\', '['.repeat(length), record].join('\n');
}

function time(name: string, text: string, lines: number): void {
  const start = performance.now();
  const evidence = textEvidence(text, 'long.txt');
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `  ${name.padEnd(28)} ${lines.toLocaleString('en').padStart(9)} lines ${seconds.toFixed(2).padStart(7)} s ${Math.round(
      lines / seconds,
    )
      .toLocaleString('en')
      .padStart(11)} lines/s  ${evidence.length} message(s)`,
  );
}

console.log('\ntext reader on long messages');
for (const lines of [20_000, 130_000]) time('indented lines', indented(lines), lines);
for (const lines of [20_000, 80_000]) time('stack-trace frames', stackTrace(lines), lines);
for (const length of [40_000, 200_000])
  time(`${length.toLocaleString('en')} brackets on a line`, longLine(length), 4);
