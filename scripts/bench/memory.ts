import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Resident memory of a process and every process under it, in MB (Linux /proc), so a gateway
 * that forks workers is measured whole; null where /proc is not there to read.
 */
export function residentMegabytes(pid: number | undefined): number | null {
  if (pid === undefined || rssKiB(pid) === 0) return null;
  const all = [pid];
  for (let i = 0; i < all.length; i += 1) all.push(...children(all[i] ?? 0));
  return all.reduce((sum, p) => sum + rssKiB(p), 0) / 1024;
}
