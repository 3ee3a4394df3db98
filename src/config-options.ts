// The machinery behind the option table in config.ts: one descriptor per option generates the commander option
// (with its --help group), the value in Config, and the README's configuration tables.
import { Command, Help, InvalidArgumentError, Option } from 'commander';

export type Env = Readonly<Record<string, string | undefined>>;

/** The --help and README groups, in the order a person looks for them. */
export const OPTION_GROUPS = [
  'API server',
  'State',
  'Docker',
  'Networking',
  'Task metadata, credentials and secrets',
  'Services, Spot and events',
] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

export interface ConvertContext {
  cwd: string;
  /** Every option's value by commander attribute name (after parsing and unit conversion). */
  values: Readonly<Record<string, unknown>>;
}

export interface OptionDescriptor {
  /** commander flags: `-p, --port <port>`, `--in-memory` (a switch), `--no-x` (a switch that is on by default). */
  flags: string;
  /** Environment variable read when the flag is absent. */
  env?: string;
  group: OptionGroup;
  /** One line for --help. */
  help: string;
  /** The README's "meaning" column (markdown); `help` when absent. */
  doc?: string;
  /** Default in the unit the user writes; a function of the environment when it depends on another variable. */
  default?: string | number | ((env: Env) => string | number);
  /** The README's default column when the literal default does not say it all. */
  defaultDoc?: string;
  choices?: readonly string[];
  /** Turns the text of a flag or variable into a value; throws InvalidArgumentError with the reason. */
  parse?: (value: string) => unknown;
  /** Durations are written in seconds and held in milliseconds inside. */
  unit?: 'seconds';
  /** Where the value goes in Config (`taskAgent.x` for nested fields); absent when another option reads it. */
  to?: string;
  /** Turns the value into the Config value (resolving paths, combining options). */
  convert?: (value: unknown, ctx: ConvertContext) => unknown;
}

/** An environment switch is on for any value except empty, 0, false, no and off. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return !['', '0', 'false', 'no', 'off'].includes(v.trim().toLowerCase());
  return false;
}

export function int(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `from-to`, both ports, from ≤ to. */
export function portRange(name: string) {
  return (value: string): { from: number; to: number } => {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(value);
    const from = Number(m?.[1]);
    const to = Number(m?.[2]);
    if (!m || from < 1 || to > 65535 || from > to) throw new InvalidArgumentError(`${name} must be a port range such as 4600-4619.`);
    return { from, to };
  };
}

export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('an http(s) URL is needed.');
  return value;
}

const isSwitch = (d: OptionDescriptor) => !/[<[]/.test(d.flags);
const isNegated = (d: OptionDescriptor) => /(^|\s)--no-/.test(d.flags);
const defaultOf = (d: OptionDescriptor, env: Env) => (typeof d.default === 'function' ? d.default(env) : d.default);

function parseText(d: OptionDescriptor, value: string): unknown {
  if (d.choices && !d.choices.includes(value)) {
    throw new InvalidArgumentError(`Allowed choices are ${d.choices.join(', ')}.`);
  }
  return d.parse ? d.parse(value) : value;
}

/** The commander option of a descriptor (environment variables are read by readOptions, not by commander). */
export function toCommanderOption(d: OptionDescriptor, env: Env): Option {
  const option = new Option(d.flags, d.help).helpGroup(`${d.group}:`);
  if (d.choices) option.choices(d.choices);
  if (d.parse) option.argParser((v) => parseText(d, v));
  const dflt = defaultOf(d, env);
  if (dflt !== undefined) option.default(dflt);
  return option;
}

/** `--port`'s attribute (`port`), `--no-security-groups`'s (`securityGroups`): what commander stores it under. */
export function attributeOf(d: OptionDescriptor): string {
  return new Option(d.flags).attributeName();
}

/** A command whose --help lists the options by group, each with its environment variable. */
export function commandFor(name: string, descriptors: readonly OptionDescriptor[], env: Env): Command {
  const command = new Command(name);
  const byOption = new Map<Option, OptionDescriptor>();
  for (const d of descriptors) {
    const option = toCommanderOption(d, env);
    byOption.set(option, d);
    command.addOption(option);
  }
  const base = new Help();
  command.configureHelp({
    optionDescription: (option) => {
      const d = byOption.get(option);
      const text = base.optionDescription(option);
      if (!d?.env) return text;
      // commander appends "(choices: …, default: …)" when there are any; the variable goes in the same brackets.
      return text !== option.description ? `${text.slice(0, -1)}, env: ${d.env})` : `${text} (env: ${d.env})`;
    },
  });
  return command;
}

/**
 * Each option's value: the flag if given, else its environment variable, else its default. Switches from the
 * environment are on for a true value (see truthy); `--no-x` switches are off when their variable is true.
 * Bad values from the environment fail as commander fails bad flags.
 */
export function readOptions(command: Command, descriptors: readonly OptionDescriptor[], env: Env): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const d of descriptors) {
    const key = attributeOf(d);
    let value = command.getOptionValue(key);
    const fromEnv = d.env === undefined ? undefined : env[d.env];
    if (command.getOptionValueSource(key) !== 'cli' && fromEnv !== undefined) {
      if (isSwitch(d)) value = isNegated(d) ? !truthy(fromEnv) : truthy(fromEnv);
      else {
        try {
          value = parseText(d, fromEnv);
        } catch (err) {
          if (!(err instanceof InvalidArgumentError)) throw err;
          command.error(`error: option '${d.flags}' value '${fromEnv}' from env '${d.env}' is invalid. ${err.message}`, {
            code: 'commander.invalidArgument',
            exitCode: 1,
          });
        }
      }
    }
    if (isSwitch(d)) value = isNegated(d) ? value !== false : value === true;
    if (d.unit === 'seconds' && typeof value === 'number') value *= 1000;
    values[key] = value;
  }
  return values;
}

/** Puts every option's value at its place in the config object (`a.b` paths nest). */
export function assemble(descriptors: readonly OptionDescriptor[], values: Record<string, unknown>, cwd: string) {
  const out: Record<string, unknown> = {};
  for (const d of descriptors) {
    if (!d.to) continue;
    const raw = values[attributeOf(d)];
    const value = d.convert ? d.convert(raw, { cwd, values }) : (raw ?? null);
    const path = d.to.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]!] = value;
  }
  return out;
}

function optionCell(d: OptionDescriptor): string {
  const names = d.flags.split(/,\s*/);
  const long = names.find((n) => n.startsWith('--'))!;
  const shorts = names.filter((n) => n !== long);
  return [`\`${long}\``, ...shorts.map((s) => `\`${s}\``)].join(', ');
}

function defaultCell(d: OptionDescriptor): string {
  if (d.defaultDoc) return d.defaultDoc;
  if (isSwitch(d)) return 'off';
  const dflt = defaultOf(d, {});
  return dflt === undefined ? 'none' : `\`${dflt}\``;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

/** The README's configuration section: one table per group, in --help order. */
export function renderOptionTables(descriptors: readonly OptionDescriptor[]): string {
  const header = ['option', 'environment variable', 'default', 'meaning'];
  return OPTION_GROUPS.filter((g) => descriptors.some((d) => d.group === g))
    .map((group) => {
      const rows = descriptors
        .filter((d) => d.group === group)
        .map((d) => [optionCell(d), d.env ? `\`${d.env}\`` : '', defaultCell(d), d.doc ?? d.help]);
      return `**${group}**\n\n${table([header, ...rows])}`;
    })
    .join('\n\n');
}
