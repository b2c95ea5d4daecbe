#!/usr/bin/env node
// The `tanya` command. Runs the TypeScript sources through tsx so a fresh clone needs no build step;
// the Docker image runs the compiled dist/ instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
