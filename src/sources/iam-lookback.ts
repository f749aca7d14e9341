/** How far before the window IAM's changes are looked for: a policy narrowed last week denies today. */
export const IAM_LOOKBACK_MS = 7 * 24 * 3600_000;
