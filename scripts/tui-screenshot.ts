/**
 * `npx tsx scripts/tui-screenshot.ts`: docs/tui.png and docs/tui-lookalikes.png from a real
 * terminal. Builds, runs `node dist/tui/main.js <inputs>` in tmux (100×30, 256 colours), types
 * the shot's keys, captures the pane with its colours (`capture-pane -e -p`), turns the ANSI
 * text into SVG and the SVG into PNG with rsvg-convert (apt-get install librsvg2-bin).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
/** The samples, on the fourth finding; and the samples where nothing was denied, on their look-alikes. */
const SHOTS = [
  { out: `${root}docs/tui.png`, inputs: 'samples', keys: ['j', 'j', 'j'] },
  {
    out: `${root}docs/tui-lookalikes.png`,
    inputs: 'samples/network-timeout samples/lookalike-missing-resources',
    keys: [],
  },
];
const session = `whydenied-shot-${process.pid}`;
const COLUMNS = 100;
const ROWS = 30;

const PALETTE = [
  '#1e1e1e',
  '#e06c75',
  '#98c379',
  '#e5c07b',
  '#61afef',
  '#c678dd',
  '#56b6c2',
  '#d0d0d0',
  '#7f848e',
  '#ff7b86',
  '#b5e890',
  '#ffd68a',
  '#82c4ff',
  '#e39bff',
  '#7ee0ea',
  '#ffffff',
];
const FOREGROUND = '#d0d0d0';
const BACKGROUND = '#1e1e1e';

function xterm256(index: number): string {
  if (index < 16) return PALETTE[index] as string;
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level},${level},${level})`;
  }
  const cube = index - 16;
  const step = (value: number) => (value === 0 ? 0 : 55 + value * 40);
  return `rgb(${step(Math.floor(cube / 36))},${step(Math.floor(cube / 6) % 6)},${step(cube % 6)})`;
}

interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  inverse: boolean;
}

interface Run extends Style {
  column: number;
  text: string;
}

const plain = (): Style => ({ fg: null, bg: null, bold: false, dim: false, inverse: false });

function applySgr(style: Style, codes: number[]): Style {
  const next = { ...style };
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index] ?? 0;
    if (code === 0) Object.assign(next, plain());
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 22) Object.assign(next, { bold: false, dim: false });
    else if (code === 7) next.inverse = true;
    else if (code === 27) next.inverse = false;
    else if (code >= 30 && code <= 37) next.fg = PALETTE[code - 30] as string;
    else if (code >= 90 && code <= 97) next.fg = PALETTE[code - 90 + 8] as string;
    else if (code === 39) next.fg = null;
    else if (code >= 40 && code <= 47) next.bg = PALETTE[code - 40] as string;
    else if (code >= 100 && code <= 107) next.bg = PALETTE[code - 100 + 8] as string;
    else if (code === 49) next.bg = null;
    else if ((code === 38 || code === 48) && codes[index + 1] === 5) {
      next[code === 38 ? 'fg' : 'bg'] = xterm256(codes[index + 2] ?? 0);
      index += 2;
    } else if ((code === 38 || code === 48) && codes[index + 1] === 2) {
      next[code === 38 ? 'fg' : 'bg'] = `rgb(${codes[index + 2]},${codes[index + 3]},${codes[index + 4]})`;
      index += 4;
    }
  }
  return next;
}

const ESC = String.fromCharCode(27);
/** A control sequence (kept in the split), and a colour/style one among them. */
const CSI = new RegExp(`(${ESC}\\[[0-9;]*[A-Za-z])`);
const SGR = new RegExp(`^${ESC}\\[([0-9;]*)m$`);

/** Lines of styled runs from tmux's `capture-pane -e` output. */
export function parseAnsi(text: string): Run[][] {
  return text.split('\n').map((line) => {
    const runs: Run[] = [];
    let style = plain();
    let column = 0;
    for (const part of line.split(CSI)) {
      const sgr = SGR.exec(part);
      if (sgr) style = applySgr(style, (sgr[1] || '0').split(';').map(Number));
      else if (part.startsWith(ESC)) continue;
      else if (part) {
        runs.push({ ...style, column, text: part });
        column += [...part].length;
      }
    }
    return runs;
  });
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toSvg(lines: Run[][], columns: number, rows: number): string {
  const fontSize = 15;
  const cell = { width: fontSize * 0.602, height: Math.round(fontSize * 1.35) };
  const pad = 16;
  const width = Math.ceil(columns * cell.width + pad * 2);
  const height = rows * cell.height + pad * 2;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" rx="8" fill="${BACKGROUND}"/>`,
    `<g font-family="DejaVu Sans Mono, monospace" font-size="${fontSize}" xml:space="preserve">`,
  ];
  lines.slice(0, rows).forEach((runs, row) => {
    const y = pad + row * cell.height;
    for (const run of runs) {
      const length = [...run.text].length;
      const x = pad + run.column * cell.width;
      const fg = run.inverse ? (run.bg ?? BACKGROUND) : (run.fg ?? FOREGROUND);
      const bg = run.inverse ? (run.fg ?? FOREGROUND) : run.bg;
      if (bg)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${(length * cell.width).toFixed(1)}" height="${cell.height}" fill="${bg}"/>`,
        );
      if (run.text.trim() === '') continue;
      parts.push(
        `<text x="${x.toFixed(1)}" y="${y + Math.round(cell.height * 0.75)}" fill="${fg}"${run.bold ? ' font-weight="bold"' : ''}${run.dim ? ' opacity="0.6"' : ''} textLength="${(length * cell.width).toFixed(1)}" lengthAdjust="spacingAndGlyphs">${escapeXml(run.text)}</text>`,
      );
    }
  });
  parts.push('</g>', '</svg>');
  return parts.join('\n');
}

async function main() {
  if (spawnSync('tmux', ['-V']).status !== 0) throw new Error('tmux is needed: apt-get install tmux');
  if (spawnSync('rsvg-convert', ['--version']).status !== 0)
    throw new Error('rsvg-convert is needed: apt-get install librsvg2-bin');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
  for (const shot of SHOTS) await screenshot(shot);
}

async function screenshot({ out, inputs, keys }: (typeof SHOTS)[number]) {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    String(COLUMNS),
    '-y',
    String(ROWS),
    '-c',
    root,
    `env -u CI -u NO_COLOR -u NODE_OPTIONS TERM=xterm-256color FORCE_COLOR=2 ${process.execPath} dist/tui/main.js ${inputs}`,
  );
  try {
    const deadline = Date.now() + 10_000;
    while (!/✓ files/.test(tmux('capture-pane', '-t', session, '-p')) && Date.now() < deadline)
      await sleep(100);
    for (const key of keys) {
      tmux('send-keys', '-t', session, key);
      await sleep(150);
    }
    await sleep(300);
    const ansi = tmux('capture-pane', '-t', session, '-e', '-p');
    const svg = toSvg(parseAnsi(ansi), COLUMNS, ROWS);
    const svgPath = out.replace(/\.png$/, '.svg');
    writeFileSync(svgPath, svg);
    execFileSync('rsvg-convert', ['-o', out, svgPath]);
    spawnSync('rm', ['-f', svgPath]);
    console.log(`wrote ${out}`);
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
