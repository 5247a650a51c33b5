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

/** Linux's USER_HZ: the unit of a process's CPU times in /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** A process and every process under it, so a gateway that forks workers is measured whole. */
function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i += 1) all.push(...children(all[i] ?? 0));
  return all;
}

/** Resident memory of a process tree in MB (Linux /proc); null where there is no /proc. */
export function residentMegabytes(pid: number | undefined): number | null {
  if (pid === undefined || rssKiB(pid) === 0) return null;
  return tree(pid).reduce((sum, p) => sum + rssKiB(p), 0) / 1024;
}

/**
 * CPU seconds (user and system) a process tree has used. What a gateway spends per request
 * hardly changes with other work on the machine, unlike its latency.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined || rssKiB(pid) === 0) return null;
  return tree(pid).reduce((sum, p) => sum + cpuTicks(p), 0) / TICKS_PER_SECOND;
}
