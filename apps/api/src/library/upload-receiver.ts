import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

import { ACCEPTED_FILE_TYPES } from '@maillage/contracts';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromStream } from 'file-type/node';

import { invalid, Problem } from '../common/http/problems';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/ids';
import { FileStorage } from '../storage/file-storage';

/** What file-type names, and the MIME type a download is served with, for each accepted kind of content. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** How much of the start of a file is kept to tell text from binary content that has no magic bytes. */
const TEXT_SNIFF_BYTES = 64 * 1024;

export interface ReceivedFile {
  key: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: ReceivedFile;
}

const refusedType = (detected: string) =>
  new Problem(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'unsupported-file-type',
    'Type de fichier refusé',
    `Ce fichier est de type ${detected}, que la bibliothèque n’accepte pas. Types acceptés : ${ACCEPTED_FILE_TYPES}.`,
  );

const storageKey = () => {
  const now = new Date();
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${newId()}`;
};

/**
 * Receives one multipart upload: its text fields, and one `file` part streamed to storage while it is hashed and
 * counted (never held whole in memory). The type is then read from the stored content with file-type; content
 * without magic bytes is accepted as text when it has no NUL byte. Anything refused leaves no file behind.
 */
@Injectable()
export class UploadReceiver {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {}

  async receive(request: Request): Promise<ReceivedUpload> {
    if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
      throw invalid('body', 'Envoyez le fichier en multipart/form-data');
    }
    const { fields, file, tooLarge, head } = await this.parse(request);
    if (!file) throw invalid('body.file', 'Aucun fichier reçu (partie « file »)');
    return { fields, file: await this.checked(file, tooLarge, head) };
  }

  /** A file read from this machine (bulk import): stored, checked and typed as an upload is. */
  async receiveLocal(path: string, fileName: string): Promise<ReceivedFile> {
    const tap = this.tap(fileName);
    // One byte past the limit is enough to know the file is too large, without reading the rest.
    await this.storage.write(
      tap.file.key,
      createReadStream(path, { end: this.config.uploadMaxBytes }).pipe(tap.stream),
    );
    return this.checked(tap.file, tap.file.sizeBytes > this.config.uploadMaxBytes, tap.head());
  }

  private async checked(file: ReceivedFile, tooLarge: boolean, head: Buffer): Promise<ReceivedFile> {
    try {
      if (tooLarge) {
        throw new Problem(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'file-too-large',
          'Fichier trop volumineux',
          `La bibliothèque accepte des fichiers de ${Math.round(this.config.uploadMaxBytes / 1024 / 1024)} Mo au plus.`,
        );
      }
      if (file.sizeBytes === 0) throw invalid('body.file', 'Le fichier est vide');
      file.mimeType = await this.contentType(file, head);
      return file;
    } catch (error) {
      await this.storage.remove(file.key);
      throw error;
    }
  }

  /** Hashes and counts what flows to storage, and keeps its first bytes for the text check. */
  private tap(fileName: string): { file: ReceivedFile; stream: Transform; head: () => Buffer } {
    const file: ReceivedFile = {
      key: storageKey(),
      fileName: fileName.trim() || 'fichier',
      mimeType: '',
      sizeBytes: 0,
      sha256: '',
    };
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headLength = 0;
    const stream = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        file.sizeBytes += chunk.length;
        if (headLength < TEXT_SNIFF_BYTES) {
          headChunks.push(chunk.subarray(0, TEXT_SNIFF_BYTES - headLength));
          headLength += Math.min(chunk.length, TEXT_SNIFF_BYTES - headLength);
        }
        done(null, chunk);
      },
      flush(done) {
        file.sha256 = hash.digest('hex');
        done();
      },
    });
    return { file, stream, head: () => Buffer.concat(headChunks) };
  }

  private async contentType(file: ReceivedFile, head: Buffer): Promise<string> {
    const source = this.storage.read(file.key);
    let detected: Awaited<ReturnType<typeof fileTypeFromStream>>;
    try {
      detected = await fileTypeFromStream(source);
    } finally {
      source.destroy();
    }
    if (detected) {
      const accepted = ACCEPTED[detected.ext];
      if (!accepted) throw refusedType(detected.ext.toUpperCase());
      return accepted;
    }
    if (head.includes(0)) throw refusedType('binaire inconnu');
    return /\.(md|markdown)$/i.test(file.fileName) ? 'text/markdown' : 'text/plain';
  }

  private parse(request: Request): Promise<{
    fields: Record<string, string>;
    file: ReceivedFile | null;
    tooLarge: boolean;
    head: Buffer;
  }> {
    return new Promise((resolve, reject) => {
      const fields: Record<string, string> = {};
      let file: ReceivedFile | null = null;
      let head: () => Buffer = () => Buffer.alloc(0);
      let written: Promise<void> = Promise.resolve();
      let tooLarge = false;
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: request.headers,
          defParamCharset: 'utf8',
          limits: { files: 1, fields: 10, fieldSize: 100_000, fileSize: this.config.uploadMaxBytes },
        });
      } catch {
        reject(invalid('body', 'Corps multipart illisible'));
        return;
      }
      parser.on('field', (name, value) => {
        fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || file) {
          stream.resume();
          return;
        }
        const tap = this.tap(info.filename ?? '');
        file = tap.file;
        head = tap.head;
        stream.on('limit', () => {
          tooLarge = true;
        });
        written = this.storage.write(tap.file.key, stream.pipe(tap.stream));
        // Settled in 'close', or cleaned up on 'error': never an unhandled rejection.
        written.catch(() => undefined);
      });
      parser.on('error', () => {
        const orphan = file;
        void written
          .catch(() => undefined)
          .then(() => orphan && this.storage.remove(orphan.key))
          .finally(() => reject(invalid('body', 'Corps multipart illisible ou interrompu')));
      });
      parser.on('close', () => {
        written.then(
          () => resolve({ fields, file, tooLarge, head: head() }),
          (error: unknown) => reject(error),
        );
      });
      // A client gone mid-upload: end the parse, which removes what was written.
      request.on('close', () => {
        if (!request.complete) parser.destroy(new Error('upload interrupted'));
      });
      request.pipe(parser);
    });
  }
}
