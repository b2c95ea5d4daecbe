/**
 * `tanya events import FILE` and `tanya events near --json ...`: load events into the configured
 * store (Redis when `REDIS_URL` is set, else `DATA_DIR/events.json`) and ask it what the bot would
 * find near a point or a place.
 */
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { parseEventsFile } from '../content/events/import.js';
import { EventType, isDateTimeWithOffset } from '../content/events/model.js';
import { eventTimeZone, zoneOfCityWith } from '../content/events/zone.js';
import { resolvePlace } from '../content/geo/gazetteer.js';
import { placeLabel } from '../dialogs/events/query.js';
import { InvalidEventsError, type EventStore, type NearEvent } from '../store/events.js';
import { openEventStore } from '../store/events-open.js';
import { printJsonLine, unknownArgument, UsageError, type Command } from './command.js';

const USAGE = [
  'events import FILE                       import events (CSV with a header, or a JSON array); all or nothing',
  'events near --json (--lat X --lon Y | --place TEXT) [--limit N] [--type T] [--now ISO]',
  '                                         nearest upcoming events, as one JSON object',
];

/** Runs `work` with the configured store open, closing it afterwards. */
async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const opened = await openEventStore(config, resolvePath(config.DATA_DIR));
  try {
    return await work(opened.store);
  } finally {
    await opened.close();
  }
}

/** Prints problems on stderr and sets exit code 1. */
function fail(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}

/** Throws a {@link UsageError} naming the first bad option. */
function usageError(error: z.ZodError): never {
  const issue = error.issues[0];
  const option = issue?.path.length ? `--${issue.path.join('.')}: ` : '';
  throw new UsageError(`${option}${issue?.message ?? 'invalid options'}\nusage: tanya ${USAGE[1]}`);
}

async function runImport(args: string[]): Promise<void> {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError(`usage: tanya ${USAGE[0]}`);
  const parsed = await parseEventsFile(args[0]!);
  if (!parsed.ok) {
    fail([...parsed.problems, `nothing imported: ${parsed.problems.length} problem(s)`]);
    return;
  }
  await withStore(async (store) => {
    const existing = await Promise.all(parsed.events.map((event) => store.get(event.id)));
    const updated = existing.filter((event) => event !== undefined).length;
    try {
      await store.upsertMany(parsed.events);
    } catch (error) {
      if (!(error instanceof InvalidEventsError)) throw error;
      fail([...error.problems, `nothing imported: ${error.problems.length} problem(s)`]);
      return;
    }
    const total = parsed.events.length;
    process.stdout.write(`imported ${total} events (${total - updated} new, ${updated} updated)\n`);
  });
}

const coordinate = (limit: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(-limit, `must be between -${limit} and ${limit}`)
    .max(limit, `must be between -${limit} and ${limit}`);

/** Options of `events near`. */
const NearOptions = z
  .object({
    json: z.literal(true, 'only --json output is supported'),
    lat: coordinate(90).optional(),
    lon: coordinate(180).optional(),
    place: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be from 1 to 100')
      .max(100, 'must be from 1 to 100')
      .default(5),
    type: EventType.optional(),
    now: z
      .string()
      .refine(
        isDateTimeWithOffset,
        'must be an ISO 8601 date-time with a UTC offset, e.g. 2027-01-15T09:00:00+07:00',
      )
      .transform((value) => new Date(value))
      .optional(),
  })
  .superRefine((options, ctx) => {
    const point = options.lat !== undefined || options.lon !== undefined;
    if (point && options.place !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['place'],
        message: 'give either --lat/--lon or --place, not both',
      });
    } else if (point && (options.lat === undefined || options.lon === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [options.lat === undefined ? 'lat' : 'lon'],
        message: 'is required with --lat/--lon',
      });
    } else if (!point && options.place === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give --lat X --lon Y or --place TEXT' });
    }
  });

/** One event of `events near` output: the stored fields, its distance and the zone its times are in. */
function eventJson(event: NearEvent) {
  return {
    ...event,
    distanceKm: Math.round(event.distanceKm * 1000) / 1000,
    timeZone: eventTimeZone(event, zoneOfCityWith(resolvePlace)),
  };
}

/** `--lat -6.2` → `--lat=-6.2`: parseArgs takes a value starting with "-" for an option only in `=` form. */
function joinNegativeCoordinates(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if ((arg === '--lat' || arg === '--lon') && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

async function runNear(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args: joinNegativeCoordinates(args),
    options: {
      json: { type: 'boolean' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      place: { type: 'string' },
      limit: { type: 'string' },
      type: { type: 'string' },
      now: { type: 'string' },
    },
    strict: true,
  });
  const parsed = NearOptions.safeParse(values);
  if (!parsed.success) usageError(parsed.error);
  const options = parsed.data;

  let place: { name: string; lat: number; lon: number } | null = null;
  let point = { lat: options.lat ?? 0, lon: options.lon ?? 0 };
  if (options.place !== undefined) {
    const found = resolvePlace(options.place);
    if (found.status === 'unknown') {
      fail([`unknown place: "${options.place}"`]);
      return;
    }
    if (found.status === 'ambiguous') {
      fail([
        `ambiguous place: "${options.place}" could be:`,
        ...found.options.map((option) => `  ${placeLabel(option)} (id ${option.id})`),
      ]);
      return;
    }
    place = { name: found.place.name, lat: found.place.lat, lon: found.place.lon };
    point = place;
  }
  const events = await withStore((store) =>
    store.near({
      ...point,
      limit: options.limit,
      from: options.now ?? new Date(),
      ...(options.type ? { type: options.type } : {}),
    }),
  );
  printJsonLine({ place, events: events.map(eventJson) });
}

/** `tanya events`. */
export const eventsCommand: Command = {
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'import') return runImport(rest);
    if (sub === 'near') return runNear(rest);
    throw unknownArgument(sub);
  },
};
