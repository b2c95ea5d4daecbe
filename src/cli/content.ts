/**
 * `tanya content check`: validates the content files.
 */
import { checkContent } from '../content/check.js';
import { unknownArgument, type Command } from './command.js';

/** `tanya content`. */
export const contentCommand: Command = {
  usage: [
    'content check                            validate content files (FAQ, NLU examples, events, locales)',
  ],
  async run(args) {
    if (args[0] !== 'check' || args.length > 1)
      throw unknownArgument(args[0] === 'check' ? args[1] : args[0]);
    const problems = checkContent();
    if (problems.length) {
      for (const problem of problems) process.stderr.write(`${problem}\n`);
      process.stderr.write(`content check failed: ${problems.length} problem(s)\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write('content check passed\n');
  },
};
