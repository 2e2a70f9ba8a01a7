/** What learn samples and keeps when not told: the CLI's defaults too. */
export const LEARN_DEFAULTS = { sampleRows: 50_000, minCount: 5, seed: 1 } as const
