#!/usr/bin/env node
// The `waflow` command: the compiled CLI in dist/ (built by `npm run build`, and by `prepack`
// before a tarball is made, so an installed package always has it).
import { runCli } from '../dist/cli/run.js';

await runCli();
