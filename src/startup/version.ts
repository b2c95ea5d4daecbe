/**
 * The running version, for the start-up log line and bug reports.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths.js';

const PackageJson = z.object({ version: z.string() });

/** The `version` of the project's package.json (`unknown` when it cannot be read). */
export function appVersion(): string {
  try {
    return PackageJson.parse(JSON.parse(readFileSync(projectPath('package.json'), 'utf8'))).version;
  } catch {
    return 'unknown';
  }
}
