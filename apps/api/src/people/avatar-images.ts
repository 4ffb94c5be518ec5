import { AVATAR_MAX_BYTES } from '@maillage/contracts';
import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type/node';
import sharp from 'sharp';

import { invalid, Problem } from '../common/http/problems';

/** A member's picture as stored and served: a square, small enough for every card, in one format. */
export const AVATAR_SIZE = 256;
export const AVATAR_MIME_TYPE = 'image/webp';
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

const tooLarge = () =>
  new Problem(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'file-too-large',
    'Image trop volumineuse',
    `Une photo de profil fait ${AVATAR_MAX_BYTES / 1024 / 1024} Mo au plus.`,
  );

/**
 * The request's body, up to AVATAR_MAX_BYTES: 413 at once when its declared length is larger; a body sent without one
 * is read to its end (the client then reads the answer) but not kept beyond the limit.
 */
export async function readAvatarBody(request: Request): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > AVATAR_MAX_BYTES) {
    request.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= AVATAR_MAX_BYTES) chunks.push(chunk);
  }
  if (size > AVATAR_MAX_BYTES) throw tooLarge();
  return Buffer.concat(chunks);
}

/**
 * The picture, judged by its content (not its name or declared type), turned upright by its EXIF orientation (which is
 * then dropped with the rest of its metadata, location included), cropped to a square and resized with sharp.
 */
export async function resizeAvatar(body: Buffer): Promise<Buffer> {
  if (body.length === 0) throw invalid('body', 'L’image est vide');
  const detected = await fileTypeFromBuffer(body);
  if (!detected || !ACCEPTED.has(detected.mime)) {
    throw new Problem(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported-file-type',
      'Type d’image refusé',
      `Ce fichier est de type ${detected?.mime ?? 'inconnu'}. Une photo de profil est en JPEG, PNG, WebP ou GIF.`,
    );
  }
  try {
    return await sharp(body, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'attention' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw invalid('body', 'Cette image est illisible ou endommagée');
  }
}
