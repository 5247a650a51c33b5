import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { PROJECT_ROOT } from '../../platform/paths';

/** The machine the figures come from, as a table's caption names it. */
export function machine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(0);
  return `${cores.length} × ${model}, ${memory} GiB, ${type()} ${release()}, Node ${process.version}`;
}

/** The commit measured, marked `+changes` when the worktree differs from it. */
export function commit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no') !== '';
    return git('rev-parse', '--short', 'HEAD') + (changed ? '+changes' : '');
  } catch {
    return 'unknown';
  }
}
