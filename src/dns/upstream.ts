// The resolvers this process uses itself (/etc/resolv.conf), which the task resolver forwards other names to.
import fs from 'node:fs';

export function systemResolvers(file = '/etc/resolv.conf'): string[] {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1])
      .filter((ns): ns is string => ns !== undefined);
  } catch {
    return [];
  }
}
