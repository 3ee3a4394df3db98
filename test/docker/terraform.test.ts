// The whole example Terraform stack (examples/terraform) with the real hashicorp/aws provider against an emulator on
// the real Docker engine: apply succeeds (the service waits for steady state), the tasks answer through the load
// balancer's listener with the secret they were given and write to their log group, a plan right after shows no
// drift (exit code 0), and destroy leaves no resource, container or network behind. One apply serves every check.
// Skipped, with the reason, where no terraform or no provider mirror exists (see test/support/terraform.ts).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelFilter, LABEL_INSTANCE } from '../../src/runtime/labels.js';
import { eventually } from '../support/services.js';
import { terraformSetup, terraformWorkspace, type TerraformWorkspace } from '../support/terraform.js';
import { BUSYBOX_IMAGE, ensureBusyboxImage } from './images.js';
import { SCOPE, startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';
import { docker } from './support/docker-harness.js';

const setup = await terraformSetup();
const NAME = 'tfstack';
const VPC_CIDR = '10.163.0.0/16';
const GREETING = 'hello-from-ssm';

describe.skipIf(typeof setup === 'string')(`terraform: the example stack${typeof setup === 'string' ? ` (skipped: ${setup})` : ''}`, () => {
  let d: DockerEmulator;
  let ws: TerraformWorkspace;
  let logs: CloudWatchLogsClient;
  let dir: string;

  beforeAll(async () => {
    if (typeof setup === 'string') return;
    await ensureBusyboxImage(docker);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fl-tf-'));
    const secretsFile = path.join(dir, 'secrets.json');
    await fs.writeFile(secretsFile, JSON.stringify({ secretsManager: {}, parameters: { '/demo/greeting': GREETING } }));
    d = await startDockerEmulator('tf', { taskAgent: { secretsFile } });
    logs = new CloudWatchLogsClient({
      endpoint: d.emu.endpoint,
      region: SCOPE.region,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    ws = await terraformWorkspace(setup, { endpoint: d.emu.endpoint, name: NAME, vpc_cidr: VPC_CIDR, image: BUSYBOX_IMAGE });
  });
  afterAll(async () => {
    logs?.destroy();
    await ws?.dispose();
    await d?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('applies, answers through the listener, plans with no changes, and destroys to nothing', { timeout: 600_000 }, async () => {
    const apply = await ws.terraform(['apply', '-auto-approve']);
    expect(apply.stdout).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);

    // Both tasks answer through the listener, each with the secret the task definition names and its own hostname.
    const state = d.emu.deps.store.read(SCOPE, (s) => s);
    const listener = Object.values(state.listeners).find((l) => l.port === 80)!;
    const served = (await d.control.loadBalancers()).find((l) => l.listenerArn === listener.listenerArn)!;
    const url = `http://${served.address}:${served.hostPort}/`;
    const bodies = new Set<string>();
    await eventually(
      async () => {
        const res = await fetch(url);
        const body = (await res.text()).trim();
        expect([res.status, body]).toEqual([200, expect.stringMatching(new RegExp(`^${GREETING} from \\S+$`))]);
        bodies.add(body);
        return bodies.size === 2;
      },
      60_000,
      'both tasks to answer through the listener',
    );
    // Registered in Cloud Map while running, and logging to the group through awslogs.
    expect(Object.values(d.emu.deps.store.read(SCOPE, (s) => s.cloudMapInstances))).toHaveLength(2);
    const { logStreams } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: `/ecs/${NAME}`, logStreamNamePrefix: 'app/app/' }),
    );
    expect(logStreams).toHaveLength(2);

    const plan = await ws.terraform(['plan', '-detailed-exitcode'], { allowFailure: true });
    expect(plan.code, plan.stdout).toBe(0);

    await ws.terraform(['destroy', '-auto-approve']);
    const after = d.emu.deps.store.read(SCOPE, (s) => s);
    expect(Object.values(after.services).filter((s) => s.status !== 'INACTIVE')).toEqual([]);
    expect(Object.values(after.clusters).filter((c) => c.status !== 'INACTIVE')).toEqual([]);
    expect(Object.values(after.tasks).filter((t) => t.lastStatus !== 'STOPPED')).toEqual([]);
    expect(after.loadBalancers).toEqual({});
    expect(after.targetGroups).toEqual({});
    expect(after.listeners).toEqual({});
    expect(after.cloudMapNamespaces).toEqual({});
    expect(after.cloudMapServices).toEqual({});
    expect(after.cloudMapInstances).toEqual({});
    expect(after.iamRoles).toEqual({});
    expect(after.iamPolicies).toEqual({});
    expect(after.addresses).toEqual({});
    expect(Object.values(after.vpcs).filter((v) => !v.isDefault)).toEqual([]);
    expect(Object.values(after.subnets).filter((s) => !s.defaultForAz)).toEqual([]);
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/ecs/${NAME}` }))).logGroups).toEqual([]);
    expect(await d.control.loadBalancers()).toEqual([]);
    const mine = labelFilter({ [LABEL_INSTANCE]: d.instanceId });
    expect(await docker.listContainers({ all: true, filters: mine })).toEqual([]);
    expect((await docker.listNetworks({ filters: mine })).map((n) => n.Name)).toEqual([]);
  });
});
