import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { keysCommand } from './keys.js';
import { runCommand } from './run.js';
import { devCommand } from './dev.js';

export const commands: readonly Command[] = [devCommand, validateCommand, schemaCommand, keysCommand, runCommand];
