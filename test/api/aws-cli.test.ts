// The real AWS CLI as a second, independent client: its own serializer, its own error handling.
// (Exit codes: AWS CLI v2 exits 254 on a service error, v1 exits 255.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli-process.js';
import { useEmulatorWithCli } from '../support/aws-cli.js';
import { uniqueName } from '../support/emulator.js';

const SERVICE_ERROR_EXIT = [254, 255];
const TASK_DEFINITION_JSON = path.join(ROOT, 'test', 'fixtures', 'aws-cli', 'register-task-definition.json');
const ACCOUNT = '000000000000';

const suite = useEmulatorWithCli();

/** `aws ecs ...`, which must succeed; its parsed output. */
const ecs = (...args: string[]) => suite.ok('ecs', ...args);

describe('AWS CLI: clusters', () => {
  it('creates, describes and lists a cluster', async () => {
    const name = uniqueName('cli');
    const arn = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name}`;

    const created = await ecs('create-cluster', '--cluster-name', name, '--tags', 'key=team,value=blue');
    expect(created.cluster).toMatchObject({ clusterName: name, clusterArn: arn, status: 'ACTIVE', tags: [{ key: 'team', value: 'blue' }] });

    const described = await ecs('describe-clusters', '--clusters', name, 'missing-cluster', '--include', 'TAGS');
    expect(described.clusters).toHaveLength(1);
    expect(described.clusters[0]).toMatchObject({
      clusterName: name,
      clusterArn: arn,
      status: 'ACTIVE',
      tags: [{ key: 'team', value: 'blue' }],
    });
    expect(described.failures).toEqual([{ arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/missing-cluster`, reason: 'MISSING' }]);

    const listed = await ecs('list-clusters');
    expect(listed.clusterArns).toContain(arn);
  });

  it('reports InvalidParameterException for a bad cluster name with a service-error exit code', async () => {
    const result = await suite.aws.run(['ecs', 'create-cluster', '--cluster-name', 'bad name']);
    expect(SERVICE_ERROR_EXIT).toContain(result.code);
    expect(result.stderr).toContain('An error occurred (InvalidParameterException) when calling the CreateCluster operation');
    expect(result.stdout).toBe('');
  });
});

describe('AWS CLI: task definitions', () => {
  it('registers from --cli-input-json, describes and deregisters a Fargate task definition', async () => {
    const registered = await ecs('register-task-definition', '--cli-input-json', `file://${TASK_DEFINITION_JSON}`);
    const td = registered.taskDefinition;
    expect(td).toMatchObject({
      family: 'aws-cli-web',
      revision: 1,
      taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/aws-cli-web:1`,
      status: 'ACTIVE',
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      requiresCompatibilities: ['FARGATE'],
      containerDefinitions: [
        expect.objectContaining({ name: 'web', image: 'busybox:latest', environment: [{ name: 'GREETING', value: 'hello' }] }),
      ],
    });
    // The CLI decodes registeredAt from epoch seconds (v1 prints the number, v2 an ISO-8601 string).
    const registeredAt = typeof td.registeredAt === 'number' ? td.registeredAt * 1000 : Date.parse(td.registeredAt);
    expect(Math.abs(registeredAt - Date.now())).toBeLessThan(5 * 60_000);

    const described = await ecs('describe-task-definition', '--task-definition', 'aws-cli-web');
    expect(described.taskDefinition).toMatchObject({ taskDefinitionArn: td.taskDefinitionArn, revision: 1, status: 'ACTIVE' });

    const deregistered = await ecs('deregister-task-definition', '--task-definition', 'aws-cli-web:1');
    expect(deregistered.taskDefinition).toMatchObject({ taskDefinitionArn: td.taskDefinitionArn, status: 'INACTIVE' });

    const after = await ecs('describe-task-definition', '--task-definition', td.taskDefinitionArn);
    expect(after.taskDefinition.status).toBe('INACTIVE');
  });

  it('reports ClientException for a task definition that does not exist', async () => {
    const result = await suite.aws.run(['ecs', 'describe-task-definition', '--task-definition', 'no-such-family:7']);
    expect(SERVICE_ERROR_EXIT).toContain(result.code);
    expect(result.stderr).toContain('An error occurred (ClientException) when calling the DescribeTaskDefinition operation');
  });
});
