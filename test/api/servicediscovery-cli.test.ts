// AWS Cloud Map through the real AWS CLI (`aws servicediscovery`): its own serializer and error handling.
import { describe, expect, it } from 'vitest';
import { useEmulatorWithCli } from '../support/aws-cli.js';
import { uniqueName } from '../support/emulator.js';

const SERVICE_ERROR_EXIT = [254, 255];
const suite = useEmulatorWithCli();

/** `aws servicediscovery ...`, which must succeed; its parsed output. */
const sd = (...args: string[]) => suite.ok('servicediscovery', ...args);

async function operationDone(id: string) {
  for (;;) {
    const { Operation } = await sd('get-operation', '--operation-id', id);
    if (Operation.Status === 'SUCCESS') return Operation;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('AWS CLI: servicediscovery', () => {
  it('creates a private DNS namespace and a service, registers an instance and reads its health', async () => {
    const vpc = (await suite.aws.run(['ec2', 'describe-vpcs'])).json.Vpcs[0].VpcId as string;
    const name = `${uniqueName('cli')}.local`;
    const { OperationId } = await sd('create-private-dns-namespace', '--name', name, '--vpc', vpc);
    const nsId = (await operationDone(OperationId)).Targets.NAMESPACE as string;
    const ns = await sd('get-namespace', '--id', nsId);
    expect(ns.Namespace).toMatchObject({ Id: nsId, Name: name, Type: 'DNS_PRIVATE' });
    expect(typeof ns.Namespace.CreateDate).toBe('string');
    const svc = await sd(
      'create-service',
      '--name',
      'api',
      '--namespace-id',
      nsId,
      '--dns-config',
      'RoutingPolicy=MULTIVALUE,DnsRecords=[{Type=A,TTL=10}]',
      '--health-check-custom-config',
      'FailureThreshold=1',
    );
    expect(svc.Service).toMatchObject({ Name: 'api', NamespaceId: nsId, Type: 'DNS_HTTP' });
    const reg = await sd(
      'register-instance',
      '--service-id',
      svc.Service.Id,
      '--instance-id',
      'task-1',
      '--attributes',
      'AWS_INSTANCE_IPV4=10.0.0.7,AWS_INSTANCE_PORT=8080',
    );
    await operationDone(reg.OperationId);
    // discover-instances is sent to `data-<endpoint host>` by the CLI (a host prefix); with an endpoint of 127.0.0.1
    // that name resolves nowhere, so the CLI reads the instance through the control-plane calls instead.
    const instances = await sd('list-instances', '--service-id', svc.Service.Id);
    expect(instances.Instances).toMatchObject([{ Id: 'task-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.7', AWS_INSTANCE_PORT: '8080' } }]);
    const health = await sd('get-instances-health-status', '--service-id', svc.Service.Id);
    expect(health.Status).toEqual({ 'task-1': 'HEALTHY' });
    const listed = await sd('list-services', '--filters', `Name=NAMESPACE_ID,Values=${nsId},Condition=EQ`);
    expect(listed.Services.map((s: { Id: string }) => s.Id)).toEqual([svc.Service.Id]);
  });

  it("prints Cloud Map's error code and message", async () => {
    const result = await suite.aws.run(['servicediscovery', 'get-service', '--id', 'srv-doesnotexist']);
    expect(SERVICE_ERROR_EXIT).toContain(result.code);
    expect(result.stderr).toContain('(ServiceNotFound)');
    expect(result.stderr).toContain('srv-doesnotexist');
  });
});
