/**
 * The body of the screen: help, the look-alikes and warnings, a finding's detail or fix, or the
 * list; with the position the status bar shows for it.
 */
import type { ReactNode } from 'react';
import { visibleText } from '../../src/report/visible-text.js';
import { hardWrap } from '../format/lines.js';
import { placementText, verificationLine } from '../format/snippets.js';
import { plural } from '../format/text.js';
import type { AnalysisState } from '../hooks/useAnalysis.js';
import type { FindingsView } from '../hooks/useFindingsView.js';
import type { NavigationState } from '../state/navigation.js';
import { DetailView } from './DetailView.js';
import { FindingList } from './FindingList.js';
import { FixView } from './FixView.js';
import { HelpView } from './HelpView.js';
import { OthersView } from './OthersView.js';

export function body(
  nav: NavigationState,
  shown: FindingsView,
  loaded: AnalysisState,
  layout: { width: number; bodyHeight: number },
): { body: ReactNode; position: string } {
  const { width, bodyHeight } = layout;
  const { open, openIndex, others, othersCursor } = shown;
  if (nav.help) return { body: <HelpView height={bodyHeight} />, position: '' };
  if (shown.view === 'others') {
    const lookAlikes = loaded.analysis?.notPermission.length ?? 0;
    const warnings = loaded.analysis?.warnings.length ?? 0;
    const notes = others.filter((item) => item.kind === 'note').length;
    const counted = notes
      ? `${plural(lookAlikes, 'look-alike')}, ${plural(warnings, 'warning')} and ${plural(notes, 'note')}`
      : `${plural(lookAlikes, 'look-alike')} and ${plural(warnings, 'warning')}`;
    return {
      position: others.length > 0 ? `${othersCursor + 1}/${others.length}` : '',
      body: (
        <OthersView
          items={others}
          cursor={othersCursor}
          detail={
            others.length > 0 ? shown.otherLines : ['no look-alike and no input warning in these inputs']
          }
          height={bodyHeight}
          width={width}
          heading={
            shown.othersAsAnswer
              ? `No permission failure found. What failed instead: ${counted}`
              : `${counted}: not permission failures (Esc back)`
          }
        />
      ),
    };
  }
  if (nav.view === 'detail' && open) {
    return {
      position: `${nav.evidenceCursor + 1}/${open.evidence.length} evidence`,
      body: (
        <DetailView
          lines={shown.detail}
          scroll={nav.detailScroll}
          height={bodyHeight}
          evidenceCursor={nav.evidenceCursor}
        />
      ),
    };
  }
  if (nav.view === 'fix' && open) {
    return {
      position: '',
      body: (
        <FixView
          title={`Fix for finding ${openIndex + 1}: ${open.fix ? placementText(open.fix) : 'none proposed'}`}
          format={nav.fixFormat}
          lines={
            shown.snippet
              ? shown.snippetLines
              : ['no fix proposed for this finding: the reasons in its detail say why']
          }
          verification={hardWrap(verificationLine(open), width).slice(0, 2)}
          verified={open.fix?.verified ?? null}
          scroll={nav.fixScroll}
          height={bodyHeight}
        />
      ),
    };
  }
  const { list } = shown;
  return {
    position: list.findingRows.length > 0 ? `${nav.cursor + 1}/${list.findingRows.length}` : '',
    body: (
      <FindingList
        findings={shown.findings}
        rows={list.rows}
        keys={shown.keys}
        selectedRow={list.findingRows[nav.cursor] ?? -1}
        scroll={nav.listScroll}
        height={bodyHeight}
        width={width}
        anchor={shown.anchor.at}
        occurrences={loaded.occurrences}
        emptyText={
          loaded.error ??
          (nav.filter
            ? `no finding matches "${visibleText(nav.filter)}" (Esc clears the filter)`
            : loaded.loading
              ? 'reading the inputs…'
              : 'no permission failure found in these inputs')
        }
      />
    ),
  };
}
