export const STS_VERSIONS = ['2015-04-01'] as const;
