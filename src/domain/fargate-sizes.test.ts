import { describe, expect, it } from 'vitest';
import { catchEcsError as catchError } from '../../test/support/ecs-error.js';
import { FARGATE_SIZES, isFargateSize, normaliseTaskCpu, normaliseTaskMemory } from './fargate-sizes.js';

// The table as AWS's troubleshooting page states it, written out independently of FARGATE_SIZES:
// memory choices in GB per vCPU.
const DOC_TABLE: Record<number, number[]> = {
  256: [0.5, 1, 2],
  512: [1, 2, 3, 4],
  1024: [2, 3, 4, 5, 6, 7, 8],
  2048: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
  4096: Array.from({ length: 23 }, (_, i) => 8 + i), // 8..30 GB in 1 GB steps
  8192: [16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60], // 16..60 GB in 4 GB steps
  16384: [32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120], // 32..120 GB in 8 GB steps
};

const allowed = (cpu: number, memory: number) => (DOC_TABLE[cpu] ?? []).some((gb) => gb * 1024 === memory);

describe('the Fargate cpu/memory table', () => {
  it('holds exactly the 74 documented pairs', () => {
    const pairs = FARGATE_SIZES.flatMap((s) => s.memory.map((m) => [s.cpu, m]));
    expect(pairs).toHaveLength(74);
    for (const [cpu, memory] of pairs) expect(allowed(cpu!, memory!), `${cpu}/${memory}`).toBe(true);
  });

  it('accepts every documented pair and refuses every other one (exhaustive sweep)', () => {
    const cpus = [0, 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 32768];
    for (const cpu of cpus) {
      for (let memory = 0; memory <= 131072; memory += 256) {
        expect(isFargateSize(cpu, memory), `${cpu} CPU / ${memory} MiB`).toBe(allowed(cpu, memory));
      }
    }
  });

  it.each([
    [256, 512, true],
    [256, 4096, false],
    [512, 512, false],
    [1024, 1024, false],
    [4096, 30720, true],
    [4096, 31744, false],
    [8192, 16384, true],
    [8192, 17408, false],
    [8192, 61440, true],
    [16384, 122880, true],
    [16384, 36864, false],
  ])('%i CPU with %i MiB → %s', (cpu, memory, ok) => {
    expect(isFargateSize(cpu, memory)).toBe(ok);
  });
});

describe('normaliseTaskCpu', () => {
  it.each([
    ['256', '256'],
    ['1024', '1024'],
    [' 512 ', '512'],
    ['1 vCPU', '1024'],
    ['1 vcpu', '1024'],
    ['1vCPU', '1024'],
    ['0.25 vCPU', '256'],
    ['0.5 vCPU', '512'],
    ['2 vCPUs', '2048'],
    ['16 vCPU', '16384'],
    ['1.5 vCPU', '1536'],
  ])('reads %j as %s units', (given, units) => {
    expect(normaliseTaskCpu(given)).toBe(units);
  });

  it.each(['', 'abc', '-1', '0', '0 vCPU', '0.1 vCPU', '12.5', '1 GB', 'vCPU', '1 cpu'])(
    'refuses %j with InvalidParameterException',
    (given) => {
      const err = catchError(() => normaliseTaskCpu(given));
      expect(err.code).toBe('InvalidParameterException');
      expect(err.message).toBe("Invalid 'cpu' setting for task.");
    },
  );
});

describe('normaliseTaskMemory', () => {
  it.each([
    ['512', '512'],
    ['2048', '2048'],
    ['2 GB', '2048'],
    ['2GB', '2048'],
    ['3 gb', '3072'],
    ['0.5 GB', '512'],
    ['120 GB', '122880'],
  ])('reads %j as %s MiB', (given, mib) => {
    expect(normaliseTaskMemory(given)).toBe(mib);
  });

  it.each(['', 'lots', '0', '-512', '1.5', '2 MB', '2 TB', 'GB', '0.0001 GB'])('refuses %j with InvalidParameterException', (given) => {
    const err = catchError(() => normaliseTaskMemory(given));
    expect(err.code).toBe('InvalidParameterException');
    expect(err.message).toBe("Invalid 'memory' setting for task.");
  });
});
