/**
 * One direction of flow: no two files of src/ import each other, directly or around a loop, and
 * no two of its modules do (sources → evidence → analysis → views; verify reads the domain, not
 * the sources). The planted tree holds both kinds of cycle, and the guard must name them.
 */
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, moduleGraph, specifiersOf } from './import-graph.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PLANTED = `${ROOT}test/guards/planted-cycle`;

describe('import cycles', () => {
  it('src/ has no file importing itself around a loop', () => {
    expect(importCycles(importGraph(`${ROOT}src`))).toEqual([]);
  });

  it('src/ has no two modules importing each other', () => {
    const modules = moduleGraph(importGraph(`${ROOT}src`));
    expect(modules.get('domain')).toEqual([]);
    expect(importCycles(modules)).toEqual([]);
  });

  it('catches the planted cycles: two files, and two modules through different files', () => {
    const graph = importGraph(PLANTED);
    expect(importCycles(graph)).toEqual([['domain/analysis.ts', 'domain/timeline.ts']]);
    expect(importCycles(moduleGraph(graph))).toEqual([['sources', 'verify']]);
  });

  it('reads static, type-only, re-export and dynamic imports, and not the ones in comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "import './side-effect.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      'import {',
      '  e,',
      '  type E,',
      "} from './e.js';",
      "const f = await import('./f.js');",
      "// import { g } from './g.js';",
      "/* import { h } from './h.js'; */",
      "const url = 'https://example.com'; // import('./i.js')",
    ].join('\n');
    expect(specifiersOf(text)).toEqual([
      './a.js',
      '../b.js',
      './side-effect.js',
      './c.js',
      './d.js',
      './e.js',
      './f.js',
    ]);
  });
});
