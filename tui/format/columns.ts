/** The list's columns, shared by the Ink row and the first frame the loading worker paints. */
export interface RowColumns {
  time: number;
  badge: number;
  step: number;
  action: number;
  resource: number;
  count: number;
}

/** Column widths for a terminal `width` wide: the action and the resource share what is left. */
export function rowColumns(width: number): RowColumns {
  const time = 8;
  const badge = width >= 100 ? 10 : 6;
  const step = 17;
  const count = 5;
  const rest = Math.max(10, width - 2 - time - badge - step - count);
  const action = Math.min(30, Math.max(8, rest - 16));
  return { time, badge, step, action, resource: Math.max(0, rest - action), count };
}
