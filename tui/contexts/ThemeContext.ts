/**
 * Colours, or none: with NO_COLOR set (https://no-color.org) every colour is undefined and
 * emphasis is left to bold, dim and inverse.
 */
import { createContext, useContext } from 'react';
import type { Finding } from '../../src/domain/analysis.js';

export interface Theme {
  accent: string | undefined;
  muted: string | undefined;
  warning: string | undefined;
  success: string | undefined;
  danger: string | undefined;
  role: Record<Finding['role'], string | undefined>;
}

export function makeTheme(noColor: boolean): Theme {
  if (noColor)
    return {
      accent: undefined,
      muted: undefined,
      warning: undefined,
      success: undefined,
      danger: undefined,
      role: { 'execution-role': undefined, 'task-role': undefined, other: undefined },
    };
  return {
    accent: 'cyan',
    muted: 'gray',
    warning: 'yellow',
    success: 'green',
    danger: 'red',
    role: { 'execution-role': 'magenta', 'task-role': 'blue', other: 'yellow' },
  };
}

/** NO_COLOR counts when set to anything but the empty string. */
export const noColorRequested = (env: NodeJS.ProcessEnv = process.env): boolean => Boolean(env.NO_COLOR);

export const ThemeContext = createContext<Theme>(makeTheme(false));

export const useTheme = (): Theme => useContext(ThemeContext);
