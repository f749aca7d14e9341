/**
 * The terminal's columns and rows, updated on resize. Defaults to 80×24 when the stream does
 * not say (a test's fake stdout); `fixed` pins either (tests, the benchmark).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export function useTerminalSize(fixed?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout();
  const fixedColumns = fixed?.columns;
  const fixedRows = fixed?.rows;
  const [size, setSize] = useState<TerminalSize>(() => ({
    columns: fixedColumns ?? (stdout.columns || 80),
    rows: fixedRows ?? (stdout.rows || 24),
  }));
  useEffect(() => {
    const onResize = () =>
      setSize({ columns: fixedColumns ?? (stdout.columns || 80), rows: fixedRows ?? (stdout.rows || 24) });
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixedColumns, fixedRows]);
  return size;
}
