/** Shared by the embedded database's backup and restore: who holds a data directory open, checksums. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The processes (other than this one) holding a file under `dir` open, read from /proc (Linux).
 * PGlite takes no lock on its directory: a second instance opened beside the running app would
 * corrupt it, so the backup and restore refuse to run while another process has it open.
 */
export function processesHolding(dir: string): number[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  const root = fs.realpathSync(dir) + path.sep;
  const holders = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(root)) {
          holders.add(pid);
          break;
        }
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...holders].sort((a, b) => a - b);
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export const seconds = (ms: number): string => (ms / 1000).toFixed(1);
