/**
 * The first screen, painted by the loading worker as soon as it has findings, in plain text:
 * loading Ink and React takes the main thread about half a second, and an on-call engineer
 * should see the first denial before that. Ink's first frame replaces it (same layout).
 */
import type { Analysis } from '../src/domain/analysis.js';
import { visibleStrings, visibleText } from '../src/report/visible-text.js';
import { rowColumns } from './format/columns.js';
import {
  padEnd,
  padStart,
  plural,
  roleBadge,
  shortResource,
  truncate,
  truncateStart,
} from './format/text.js';
import { buildRows } from './state/rows.js';

const ENTER_ALTERNATE_SCREEN_AND_CLEAR = '\u001b[?1049h\u001b[H\u001b[2J';

export function firstFrame(
  evidenceAnalysis: Analysis,
  typedInputs: string[],
  width: number,
  height: number,
): string {
  const analysis = visibleStrings(evidenceAnalysis);
  const inputs = typedInputs.map(visibleText);
  const columns = rowColumns(width);
  const counts = [
    plural(analysis.findings.length, 'finding'),
    plural(analysis.notPermission.length, 'look-alike'),
    plural(analysis.warnings.length, 'warning'),
  ].join(' · ');
  const lines = [
    `whydenied  ${inputs.join(' ')}  loading…  ${counts}`,
    'by revision (tab) · loading the view',
  ];
  const { rows, findingRows } = buildRows(analysis.findings, 'revision');
  const selectedRow = findingRows[0];
  rows.forEach((row, index) => {
    if (row.kind === 'group') lines.push(row.detail ? `${row.label}  ${row.detail}` : row.label);
    else if (row.kind === 'subgroup') lines.push(`  ${row.label.toUpperCase()} (${row.count})`);
    else {
      const finding = analysis.findings[row.index];
      if (!finding) return;
      const badge = roleBadge(finding.role);
      const resource = shortResource(finding.resource === '*' ? null : finding.resource);
      lines.push(
        [
          index === selectedRow ? '› ' : '  ',
          // Times wait for the whole load: "ago" is measured from the newest evidence of all.
          padEnd('', columns.time),
          padEnd(columns.badge < 10 && badge === 'execution' ? 'exec' : badge, columns.badge),
          padEnd(finding.step, columns.step),
          padEnd(finding.action ?? '(action not named)', columns.action),
          padEnd(truncateStart(resource, columns.resource - 1), columns.resource),
          padStart(`x${finding.count}`, columns.count),
        ].join(''),
      );
    }
  });
  const visible = lines.slice(0, Math.max(1, height - 1)).map((line) => truncate(line, width));
  return `${ENTER_ALTERNATE_SCREEN_AND_CLEAR}${visible.join('\r\n')}`;
}
