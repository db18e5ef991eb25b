/**
 * Reads a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile`) and prints where the
 * time went: self time by package (or project file) and the heaviest functions.
 * Usage: node --require tsx/cjs test/bench/profileSummary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script lives: a package in node_modules, a project file, or Node itself. */
export function ownerOf(url: string): string {
  if (url === '') return '(native / idle / gc)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node (core)';
  const project = /\/(dist|src|test)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

export function summarizeProfile(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = ownerOf(url);
    const idle = functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)';
    const ownerKey = idle ? functionName : owner;
    byOwner.set(ownerKey, (byOwner.get(ownerKey) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${owner}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return [`total ${(total / 1000).toFixed(0)} ms sampled`, '', 'self time by package / file:', ...rows(byOwner), '', 'heaviest functions (self time):', ...rows(byFunction)].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: profileSummary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${summarizeProfile(profile, Number(process.argv[3] ?? 25))}\n`);
}
