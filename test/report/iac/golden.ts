/**
 * Golden files: the renderers' output on the sample fixes, checked in so a reviewer sees what
 * users get and any change to it shows in the diff. `UPDATE_GOLDEN=1 npx vitest run
 * test/report/iac` rewrites them.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectGolden(name: string, actual: string): void {
  const path = new URL(`./golden/${name}`, import.meta.url).pathname;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Whether an external checker is installed; when not, its test is skipped with a notice rather than failed. */
export function installed(command: string, versionFlag = '--version'): boolean {
  const found = spawnSync(command, [versionFlag], { encoding: 'utf8' }).status === 0;
  if (!found) console.warn(`notice: ${command} is not installed: its check of the IaC output is skipped`);
  return found;
}
