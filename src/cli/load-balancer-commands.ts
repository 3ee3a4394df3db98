// `fargate-local load-balancers`: every listener of the running emulator and where it answers on this host, one
// line each (`--json` for the full records). A listener whose port was taken or privileged shows its mapping.
import type { Command } from 'commander';
import type { FargateLocalControl } from '../client/control-client.js';

type WithTarget = (cmd: Command) => Command;
type ClientOf = (o: { endpoint: string; accountId?: string; region?: string }) => FargateLocalControl;

export function addLoadBalancerCommands(
  program: Command,
  withTarget: WithTarget,
  client: ClientOf,
  io: { out: (line: string) => void },
): void {
  withTarget(program.command('load-balancers').description('list the load balancer listeners and where this host serves them'))
    .option('--json', 'print the full records as JSON')
    .action(async (o) => {
      const listeners = await client(o).loadBalancers();
      if (o.json) {
        io.out(JSON.stringify(listeners, null, 2));
        return;
      }
      if (listeners.length === 0) io.out('no listeners');
      for (const l of listeners) {
        const mapped = l.hostPort === l.port ? '' : ` (port ${l.port} mapped to ${l.hostPort})`;
        io.out(`${l.loadBalancerName}\t${l.url}\t${l.address}:${l.hostPort}${mapped}`);
      }
    });
}
