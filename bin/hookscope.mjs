#!/usr/bin/env node
// The `hookscope` command. The source is TypeScript, loaded through tsx so the
// checkout works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
