import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where files live (library documents, avatars). A key names one file for good (a new version is a new key); drivers stream both ways so
 * that no file is ever held whole in memory.
 */
export abstract class FileStorage {
  /** Writes the stream under the key; a failed or aborted write leaves nothing behind. */
  abstract write(key: string, source: Readable): Promise<void>;
  abstract read(key: string): Readable;
  abstract remove(key: string): Promise<void>;
  /** A path on this machine holding the file, for the text extractor: a remote driver would copy it down first. */
  abstract localPath(key: string): Promise<string>;
}

/** The default driver: a folder (FILES_DIR, default DATA_DIR/files), shared by every api process through a volume. */
export class LocalFileStorage extends FileStorage {
  constructor(private readonly root: string) {
    super();
  }

  private pathOf(key: string): string {
    if (!/^[a-z0-9/-]+$/.test(key) || key.includes('..')) throw new Error(`invalid storage key ${key}`);
    return join(this.root, key);
  }

  async write(key: string, source: Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(source, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async localPath(key: string): Promise<string> {
    const path = this.pathOf(key);
    await stat(path);
    return path;
  }
}
