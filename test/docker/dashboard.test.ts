// The dashboard in a real headless Chromium against an emulator on the real engine: tasks appear as they run, the
// task's timeline and containers show, the event stream feeds the page, and an interruption clicked on the page
// stops a Spot task with SpotInterruption. A screenshot is left in test-output/ for a person to look at.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/services.js';
import { launchBrowser } from '../support/browser.js';
import { BUSYBOX_IMAGE } from './images.js';
import { AWSVPC, DRAINING_APP, registerBusybox, startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';

const OUTPUT = path.resolve('test-output');
let d: DockerEmulator;
let browser: Browser;
let page: Page;
let family: string;

beforeAll(async () => {
  d = await startDockerEmulator('ui', { spotGraceMs: 2000 });
  await d.ecs.send(new CreateClusterCommand({ clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }));
  family = await registerBusybox(d.ecs, 'ui-web', DRAINING_APP);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await browser?.close();
  await d?.close();
});

const row = (taskId: string) => page.locator(`#tasks tr[data-task="${taskId}"]`);

describe('dashboard', () => {
  it('serves the page and shows the default cluster live', async () => {
    await page.goto(`${d.emu.endpoint}/_fargate-local/ui`);
    expect(new URL(page.url()).pathname).toBe('/_fargate-local/ui/');
    await expect.poll(() => page.locator('#connection').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    await expect.poll(() => page.locator('#cluster').inputValue()).toMatch(/:cluster\/default$/);
  });

  it('a task run through the API appears without a reload, with its timeline, and a click interrupts it as Spot', async () => {
    const { tasks } = await d.ecs.send(
      new RunTaskCommand({
        taskDefinition: family,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: AWSVPC,
      }),
    );
    const taskArn = tasks![0]!.taskArn!;
    const taskId = taskArn.split('/').pop()!;
    await expect.poll(() => row(taskId).getAttribute('data-status'), { timeout: 60_000 }).toBe('RUNNING');
    expect(await row(taskId).locator('td').nth(5).textContent()).toBe('FARGATE_SPOT');
    expect(await row(taskId).locator('td').nth(4).textContent()).toMatch(/^172\.31\.\d+\.\d+$/);

    await row(taskId).click();
    await expect.poll(() => page.locator('#timeline li[data-step="startedAt"]').count()).toBe(1);
    expect(await page.locator('#containers li').first().textContent()).toContain('app: RUNNING');
    // The event stream reached the page.
    await expect.poll(() => page.locator('#events li').count()).toBeGreaterThan(0);

    await fs.mkdir(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard.png'), fullPage: true });

    await page.locator('#interrupt').click();
    await expect.poll(() => page.locator('#action-result').textContent(), { timeout: 10_000 }).toContain(taskId);
    const stopped = await eventually(
      async () => {
        const t = (await d.ecs.send(new DescribeTasksCommand({ tasks: [taskArn] }))).tasks![0]!;
        return t.lastStatus === 'STOPPED' ? t : undefined;
      },
      30_000,
      'the interrupted task to stop',
    );
    expect(stopped.stopCode).toBe('SpotInterruption');
    await expect.poll(() => row(taskId).getAttribute('data-status'), { timeout: 10_000 }).toBe('STOPPED');
    expect(await row(taskId).locator('td.reason').textContent()).toContain('SpotInterruption');
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-stopped.png'), fullPage: true });
  });

  it('shows a service with its counts and deployment as its task comes up', async () => {
    await d.ecs.send(
      new CreateServiceCommand({
        serviceName: 'ui-svc',
        taskDefinition: family,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: AWSVPC,
      }),
    );
    const service = page.locator('#services tr[data-service="ui-svc"]');
    await expect.poll(() => service.locator('td.running-count').textContent(), { timeout: 60_000 }).toBe('1');
    expect(await service.locator('td').nth(5).textContent()).toContain('PRIMARY ui-web:1');
    await d.ecs.send(new DeleteServiceCommand({ service: 'ui-svc', force: true }));
  });

  it('follows a task’s awslogs output live in the logs panel', async () => {
    const registered = await d.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'ui-logged',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        executionRoleArn: 'arn:aws:iam::000000000000:role/ecsTaskExecutionRole',
        containerDefinitions: [
          {
            name: 'app',
            image: BUSYBOX_IMAGE,
            command: ['sh', '-c', `echo first-line; sleep 2; echo second-line; ${DRAINING_APP}`],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': '/ecs/ui-logged',
                'awslogs-region': 'us-east-1',
                'awslogs-stream-prefix': 'ecs',
                'awslogs-create-group': 'true',
              },
            },
          },
        ],
      }),
    );
    const logged = registered.taskDefinition!.taskDefinitionArn!;
    const { tasks } = await d.ecs.send(new RunTaskCommand({ taskDefinition: logged, launchType: 'FARGATE', networkConfiguration: AWSVPC }));
    const taskId = tasks![0]!.taskArn!.split('/').pop()!;
    await expect.poll(() => row(taskId).getAttribute('data-status'), { timeout: 60_000 }).toBe('RUNNING');
    await row(taskId).click();
    await expect.poll(() => page.locator('#logs').textContent(), { timeout: 20_000 }).toContain('first-line');
    // A line written after the panel opened arrives without a reload.
    await expect.poll(() => page.locator('#logs').textContent(), { timeout: 20_000 }).toContain('second-line');
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-logs.png'), fullPage: true });
    await d.ecs.send(new StopTaskCommand({ task: tasks![0]!.taskArn! }));
  });

  it('sets and clears a fault from the page, with a confirmation', async () => {
    await page.locator('#fault-kind').selectOption('spot-capacity-unavailable');
    await page.locator('#fault-form button').click();
    await expect.poll(() => d.control.listFaults().then((f) => f.map((x) => x.kind))).toEqual(['spot-capacity-unavailable']);
    await page.locator('#faults li[data-fault="spot-capacity-unavailable"] button').click();
    await expect.poll(() => d.control.listFaults().then((f) => f.length)).toBe(0);
  });
});
