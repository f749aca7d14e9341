/**
 * `npx tsx bench/fuzz-readers.ts` (`npm run bench:fuzz`)
 *
 * Hostile text against the readers' grammar: an opening that reaches a pattern (the words the
 * patterns look for: "User: ", "is not authorized to perform ", "Caused by: ", ...) followed by
 * 20 KB of one character class (a letter, `a.`, `a-`, backslashes, quotes, brackets, blanks,
 * ...), on one line or wrapped at a width. Each text is read as the CLI reads a file
 * (detectAndRead, then analyzeEvidence), then again with its body doubled: a reading that takes
 * four times as long on twice the text is quadratic. Each reading runs in a child process,
 * killed past TIMEOUT_MS, so a catastrophic pattern is reported instead of hanging the bench.
 *
 * Prints the slowest readings and flags those over 300 ms or growing faster than linearly;
 * it asserts nothing about speed. `--size=N` sets the body's length, `--only=TEXT` keeps the
 * openings containing TEXT.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Words that begin what a pattern reads: each is a way into the grammar for the body after it. */
const OPENINGS = [
  '',
  'User: ',
  'User: arn:aws:iam::',
  'User: arn:aws:sts::123456789012:assumed-role/',
  'arn:aws:iam::',
  'is not authorized to perform ',
  'User: x is not authorized to perform: ',
  'because no identity-based policy allows the ',
  'AccessDenied',
  'AccessDeniedException: ',
  'An error occurred (',
  'An error occurred (AccessDenied) when calling the ',
  '(Service: Amazon S3; Status Code: 403; Error Code: ',
  'StatusCode: 403, ',
  'CannotPullContainerError: ',
  'ResourceInitializationError: unable to pull secrets or registry auth: ',
  'CannotStartContainerError: Error response from daemon: ',
  'exec: ',
  'fork/exec /',
  'Caused by: ',
  'com.amazonaws.services.ecs.model.',
  'level=error msg=',
  'FATA[0000] ',
  'ERROR ',
  'Traceback (most recent call last)\n',
  '{"errorCode":"',
  '{"eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":{',
  '"requestParameters": {"bucketName": "',
  'ApplicationAutoScaling: Unable to assume IAM role: ',
  'User is missing the following permissions: [',
  'The IAM role ',
  'does not give you permission to perform operations',
  'Cannot assume role provided',
  'must allow ',
  'target group ',
  'capacity provider ',
  'ENI attachment ',
  'Host EC2 (instance ',
  'Lambda was unable to decrypt the environment variables because KMS access was denied. ',
  'ghcr.io/',
  'Essential container in task exited',
  '    at ',
  '| ',
  '> ',
  '\\',
];

/** Units repeated into a body: one character class each, as a hostile line may be. */
const UNITS = [
  'a',
  '7',
  'a.',
  'a-',
  'a:',
  'a/',
  'a_',
  '\\',
  '\\\\n',
  ' ',
  '\t',
  ' \t',
  '"',
  "'",
  '`',
  '(',
  ')',
  '[',
  '[a]',
  '<a>',
  '{a}',
  '<',
  '{',
  '=',
  'a=b ',
  '::',
  'arn:aws:',
  'a ',
  'a, ',
  'User: ',
  'is ',
  'not authorized to perform ',
  'with ',
  'User',
];

/**
 * What ends the line after the body: nothing, or a word that makes it worth reading (a line
 * without one is skipped before any pattern runs) and that no pattern expects right there.
 */
const TAILS = ['', ' AccessDenied'];

const WIDTHS = [40, 80, 120, 200];

interface Job {
  text: string;
}

interface Reading {
  opening: string;
  tail: string;
  body: string;
  size: number;
  ms: number | null;
  doubledMs: number | null;
}

const TIMEOUT_MS = 10_000;
const SLOW_MS = 300;

function argument(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** Mixed case letters, digits and the punctuation of ARNs and logs, the same on every run. */
function mixed(length: number): string {
  const alphabet = 'aAbBzZ09:/.-_ =[]()"\'';
  let state = 7;
  let text = '';
  while (text.length < length) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    text += alphabet[state % alphabet.length];
  }
  return text;
}

function repeated(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The body with a newline every `width` characters, as a fold or a terminal would. */
function wrapped(body: string, width: number): string {
  const lines: string[] = [];
  for (let start = 0; start < body.length; start += width) lines.push(body.slice(start, start + width));
  return lines.join('\n');
}

interface Body {
  name: string;
  make: (length: number) => string;
}

function bodies(): Body[] {
  const list: Body[] = [];
  UNITS.forEach((unit, index) => {
    const name = JSON.stringify(unit);
    list.push({ name, make: (length) => repeated(unit, length) });
    const width = WIDTHS[index % WIDTHS.length] as number;
    list.push({ name: `${name} /${width}`, make: (length) => wrapped(repeated(unit, length), width) });
  });
  list.push({ name: 'mixed', make: mixed });
  list.push({ name: 'mixed /80', make: (length) => wrapped(mixed(length), 80) });
  list.push({ name: 'opening×', make: () => '' });
  return list;
}

/** The text for an opening and a body; 'opening×' repeats the opening itself. */
function hostileText(opening: string, body: Body, tail: string, length: number): string {
  if (body.name === 'opening×') return `${repeated(opening === '' ? 'a' : opening, length)}${tail}`;
  return `${opening}${body.make(length)}${tail}`;
}

async function readInChild(): Promise<void> {
  const { detectAndRead } = await import('../src/sources/files/detect-format.js');
  const { analyzeEvidence } = await import('../src/pipeline.js');
  process.on('message', async (job: Job) => {
    const start = performance.now();
    const input = detectAndRead(job.text, 'hostile.txt');
    await analyzeEvidence(input.evidence, input.warnings);
    process.send?.(performance.now() - start);
  });
}

class Reader {
  private child: ChildProcess | null = null;

  /** tsx's loader is in this process's execArgv: the child reads TypeScript as this one does. */
  private start(): ChildProcess {
    this.child ??= fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: process.execArgv });
    return this.child;
  }

  /** Milliseconds to read the text, or null when it ran past TIMEOUT_MS (the child is replaced). */
  read(text: string): Promise<number | null> {
    const child = this.start();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.removeAllListeners('message');
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        this.child = null;
        resolve(null);
      }, TIMEOUT_MS);
      child.once('message', (ms) => {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(ms as number);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        this.child = null;
        reject(new Error(`the reading process exited (${code})`));
      });
      child.send({ text } satisfies Job);
    });
  }

  close(): void {
    this.child?.removeAllListeners('exit');
    this.child?.disconnect();
  }
}

function shown(ms: number | null): string {
  return ms === null ? `>${TIMEOUT_MS / 1000} s` : `${ms.toFixed(0)} ms`;
}

/** Doubling a linear reading doubles its time; three times or more (past the noise of short ones) is not linear. */
function grows(reading: Reading): boolean {
  if (reading.ms === null) return true;
  if (reading.doubledMs === null) return true;
  return reading.doubledMs > 100 && reading.doubledMs > 3 * Math.max(reading.ms, 1);
}

function flags(reading: Reading): string {
  const marks: string[] = [];
  if (reading.ms === null || reading.ms > SLOW_MS || (reading.doubledMs ?? Infinity) > SLOW_MS)
    marks.push(`SLOW >${SLOW_MS} ms`);
  if (grows(reading)) marks.push('GROWS');
  return marks.join(' ');
}

async function main(): Promise<void> {
  const size = Number(argument('size') ?? 20_000);
  const only = argument('only');
  const openings = only === undefined ? OPENINGS : OPENINGS.filter((opening) => opening.includes(only));
  const reader = new Reader();
  const readings: Reading[] = [];
  const started = performance.now();
  // Warm the child and the code up: the first reading would otherwise count the module loading.
  await reader.read('User: x is not authorized to perform: s3:GetObject');
  for (const opening of openings) {
    for (const body of bodies())
      for (const tail of TAILS) {
        const ms = await reader.read(hostileText(opening, body, tail, size));
        const doubledMs = ms === null ? null : await reader.read(hostileText(opening, body, tail, 2 * size));
        const reading = { opening, body: body.name, tail, size, ms, doubledMs };
        readings.push(reading);
        if (flags(reading))
          console.log(
            `  ! ${JSON.stringify(opening)} + ${body.name} + ${JSON.stringify(tail)}: ${shown(ms)}, doubled ${shown(doubledMs)}`,
          );
      }
  }
  reader.close();
  const cost = (reading: Reading) => reading.doubledMs ?? reading.ms ?? Infinity;
  const slowest = [...readings].sort((a, b) => (cost(b) === cost(a) ? 0 : cost(b) > cost(a) ? 1 : -1));
  console.log(
    `\nhostile texts: ${readings.length} (${openings.length} openings × ${bodies().length} bodies × ${TAILS.length} tails), body ${size.toLocaleString('en')} chars, then doubled; ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  );
  console.log('slowest 20:');
  console.log(
    `  ${'opening'.padEnd(52)} ${'body'.padEnd(28)} ${'time'.padStart(9)} ${'doubled'.padStart(9)}`,
  );
  for (const reading of slowest.slice(0, 20)) {
    console.log(
      `  ${JSON.stringify(reading.opening).slice(0, 52).padEnd(52)} ${`${reading.body}${reading.tail ? ` +${JSON.stringify(reading.tail)}` : ''}`.slice(0, 28).padEnd(28)} ${shown(reading.ms).padStart(9)} ${shown(reading.doubledMs).padStart(9)}  ${flags(reading)}`,
    );
  }
  const flagged = readings.filter((reading) => flags(reading) !== '');
  console.log(`flagged: ${flagged.length} (over ${SLOW_MS} ms, or more than 3× the time on twice the body)`);
}

if (process.argv.includes('--child')) await readInChild();
else await main();
