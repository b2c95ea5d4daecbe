/**
 * Content checks of the shipped events file (part of `tanya content check`): it must import cleanly,
 * every sample event must say so in its title, and every event's times must be written in the time
 * zone of its city (the bot shows times in the offset they were written with).
 */
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { projectPath } from '../../paths.js';
import { resolvePlace } from '../geo/gazetteer.js';
import { parseEvents, SAMPLE_EVENTS_FILE } from './import.js';
import { zoneOfOffset } from './zone.js';
import { SAMPLE_TAG } from './seed.js';

/** Problems of an events file, each naming the file, the row and the field. */
export function checkEventsFile(file = SAMPLE_EVENTS_FILE): string[] {
  const name = relative(projectPath(), file) || basename(file);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    return [`${name}: cannot read: ${(error as Error).message}`];
  }
  const result = parseEvents(basename(file), content);
  if (!result.ok) return result.problems.map((problem) => `${name}: ${problem}`);
  const problems: string[] = [];
  result.events.forEach((event, index) => {
    const row = `${name}: row ${index + 1}`;
    if (event.sample && !event.title.startsWith(SAMPLE_TAG)) {
      problems.push(`${row}, field title: a sample event's title must start with "${SAMPLE_TAG}"`);
    }
    const city = resolvePlace(event.city);
    if (city.status !== 'found') {
      problems.push(`${row}, field city: "${event.city}" is not a known regency or city`);
      return;
    }
    for (const field of ['start', 'end'] as const) {
      const zone = zoneOfOffset(event[field]);
      if (zone !== city.place.timeZone) {
        problems.push(`${row}, field ${field}: must use the ${city.place.timeZone} offset of ${event.city}`);
      }
    }
  });
  return problems;
}
