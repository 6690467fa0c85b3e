/**
 * Where the CPU goes during a bench:feed case: this process (the Vigil server), the load generator
 * (reported by the child) and the PostgreSQL backends serving the bench database, read from
 * /proc (Linux). Figures are CPU microseconds per request, so a case can be compared with the
 * ceiling even when the machine is shared.
 */
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';

const TICK_US = 10_000; // USER_HZ = 100 on Linux

export interface CpuSnapshot {
  serverUs: number;
  postgresUs: number;
}

function procCpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US; // utime + stime
  } catch {
    return 0;
  }
}

/** Backends of the bench database; their CPU is summed (a backend that exits keeps its last reading). */
export async function snapshot(db: Kysely<any>, seen: Map<number, number>): Promise<CpuSnapshot> {
  const r = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  for (const { pid } of r.rows) seen.set(pid, procCpuUs(pid));
  const u = process.cpuUsage();
  return { serverUs: u.user + u.system, postgresUs: [...seen.values()].reduce((a, b) => a + b, 0) };
}

export function perRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
): { server: number; postgres: number } {
  const n = Math.max(1, requests);
  return {
    server: Math.round((after.serverUs - before.serverUs) / n),
    postgres: Math.round((after.postgresUs - before.postgresUs) / n),
  };
}
