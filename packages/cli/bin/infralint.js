#!/usr/bin/env node
import { run } from '../dist/cli.js';

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
process.exitCode = code;
