/**
 * Opens the record store the configuration names: Redis when `REDIS_URL` is set, files in
 * `DATA_DIR/records` otherwise. The app and the `tanya records` command share it, so they always
 * read and write the same records.
 */
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { FileRecordStore } from './file-record-store.js';
import { RedisRecordStore } from './redis-record-store.js';
import type { RecordStore } from './records.js';

/** The record store of this configuration (`dataDir` defaults to the resolved `DATA_DIR`). */
export async function openRecordStore(
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DATA_DIR'>,
  dataDir = resolve(config.DATA_DIR),
): Promise<RecordStore> {
  return config.REDIS_URL
    ? RedisRecordStore.connect(config.REDIS_URL, config.REDIS_PREFIX)
    : FileRecordStore.open(dataDir);
}
