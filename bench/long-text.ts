/**
 * `npx tsx bench/long-text.ts`
 *
 * Times the text reader (grouping lines into messages, then reading them) on the long inputs
 * that once broke it: 130,000 indented lines under one error (a spread over their indents
 * overflowed the stack) and 80,000 stack-trace frames (joining them was quadratic, 84 s).
 * Prints figures; it asserts nothing about speed.
 */
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
