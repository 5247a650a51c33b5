/**
 * The sum of the samples of `name` in Prometheus text whose labels include `labels`
 * (0 when none does), e.g. metricValue(text, 'graphql_errors_total', { code: 'FORBIDDEN' }).
 */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples(text, name)
    .filter((sample) => Object.entries(labels).every(([k, v]) => sample.labels[k] === v))
    .reduce((sum, sample) => sum + sample.value, 0);
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export function samples(text: string, name: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) return [];
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    return [{ labels, value: Number(match[3]) }];
  });
}
