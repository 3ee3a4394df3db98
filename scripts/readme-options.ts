// Rewrites the README's configuration tables from the option table in src/config.ts (npm run docs:options).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { README_OPTIONS_BEGIN, README_OPTIONS_END, renderReadmeOptions } from '../src/config.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const begin = text.indexOf(README_OPTIONS_BEGIN);
const end = text.indexOf(README_OPTIONS_END);
if (begin < 0 || end < begin) throw new Error(`README.md has no ${README_OPTIONS_BEGIN} … ${README_OPTIONS_END} section`);
const updated = `${text.slice(0, begin + README_OPTIONS_BEGIN.length)}\n\n${renderReadmeOptions()}\n\n${text.slice(end)}`;
fs.writeFileSync(readme, updated);
