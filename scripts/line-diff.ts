/**
 * A unified-style line diff (longest common subsequence), enough to show why a generated file
 * is stale. Prints changed lines with up to two lines of context.
 */
export function lineDiff(before: string, after: string, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: { mark: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: ' ', text: a[i] });
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      lines.push({ mark: '+', text: b[j] });
      j += 1;
    } else {
      lines.push({ mark: '-', text: a[i] });
      i += 1;
    }
  }
  const near = (k: number) =>
    lines.slice(Math.max(0, k - context), k + context + 1).some((l) => l.mark !== ' ');
  return lines
    .map((line, k) => (near(k) ? `${line.mark} ${line.text}` : null))
    .filter((line, k, all) => line !== null || all[k - 1] !== null)
    .map((line) => line ?? '  ...')
    .join('\n');
}
