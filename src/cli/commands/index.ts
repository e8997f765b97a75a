import type { Command } from '../command.js';
import { validateCommand } from './validate.js';
import { schemaCommand } from './schema.js';
import { keysCommand } from './keys.js';
import { runCommand } from './run.js';

export const commands: readonly Command[] = [validateCommand, schemaCommand, keysCommand, runCommand];
