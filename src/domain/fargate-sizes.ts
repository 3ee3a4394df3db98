// Task size: reading cpu/memory as AWS accepts them ("1 vCPU", "2 GB", "1024") and the Fargate cpu/memory table.
import { invalidParameter } from './errors.js';
import { TaskDefinitionMessages as M } from './task-definition-messages.js';

/** CPU units in one vCPU. */
export const CPU_UNITS_PER_VCPU = 1024;
/** MiB in one GB, as ECS counts them. */
export const MIB_PER_GB = 1024;

const CPU_RE = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i;
const MEMORY_RE = /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i;

function toWholeNumber(amount: string, scale: number): number | null {
  const n = Number(amount) * scale;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Task-level cpu in CPU units, as a string: "1024", "1 vCPU", "0.25 vcpu" all read as AWS reads them.
 * Throws InvalidParameterException for anything else.
 */
export function normaliseTaskCpu(value: string): string {
  const m = CPU_RE.exec(value);
  const units = m ? toWholeNumber(m[1]!, m[2] ? CPU_UNITS_PER_VCPU : 1) : null;
  if (units === null) throw invalidParameter(M.invalidTaskCpu);
  return String(units);
}

/** Task-level memory in MiB, as a string: "2048", "2 GB", "0.5GB". Throws InvalidParameterException otherwise. */
export function normaliseTaskMemory(value: string): string {
  const m = MEMORY_RE.exec(value);
  const mib = m ? toWholeNumber(m[1]!, m[2] ? MIB_PER_GB : 1) : null;
  if (mib === null) throw invalidParameter(M.invalidTaskMemory);
  return String(mib);
}

export interface FargateSize {
  /** CPU units. */
  cpu: number;
  /** Allowed memory values in MiB, ascending. */
  memory: readonly number[];
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/**
 * Every cpu/memory pair Fargate runs (Linux; 8 and 16 vCPU need platform version 1.4.0, which is the default).
 * Source: AWS "Troubleshoot Amazon ECS task definition invalid CPU or memory errors" (task-cpu-memory-error).
 */
export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: range(1024, 4096, 1024) },
  { cpu: 1024, memory: range(2048, 8192, 1024) },
  { cpu: 2048, memory: range(4096, 16384, 1024) },
  { cpu: 4096, memory: range(8192, 30720, 1024) },
  { cpu: 8192, memory: range(16384, 61440, 4096) },
  { cpu: 16384, memory: range(32768, 122880, 8192) },
];

/** Whether Fargate has a task size with exactly this cpu (units) and memory (MiB). */
export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.some((size) => size.cpu === cpu && size.memory.includes(memory));
}
