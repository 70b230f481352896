import { createHash } from 'node:crypto';

/** The largest file accepted (the upload limit of the logo form). */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Logos are reduced to fit this box (never enlarged). */
export const LOGO_BOX = 400;
/** Images with more pixels are refused before being decoded (decompression bombs). */
export const LOGO_MAX_PIXELS = 40_000_000;

const ACCEPTED_FORMATS = new Set(['png', 'jpeg', 'webp', 'gif']);

export type LogoProblem = 'notImage' | 'tooManyPixels';

export interface ProcessedLogo {
  content: Buffer;
  content_type: 'image/webp';
  width: number;
  height: number;
  sha256: string;
}

/**
 * Checks an uploaded file by its content (never its name or declared type): PNG, JPEG, WebP or GIF only
 * (an SVG, or an HTML file named .png, is refused), then reduces it to fit 400 × 400 (orientation of
 * the photo applied, metadata dropped, first frame of an animation) and re-encodes it as WebP: the
 * uploaded bytes are never served.
 */
export async function processLogo(input: Buffer): Promise<ProcessedLogo | { problem: LogoProblem }> {
  const { default: sharp } = await import('sharp');
  const options = { limitInputPixels: LOGO_MAX_PIXELS, failOn: 'error' as const, animated: false };
  let format: string | undefined;
  try {
    const meta = await sharp(input, options).metadata();
    format = meta.format;
    if (meta.width && meta.height && meta.width * meta.height > LOGO_MAX_PIXELS)
      return { problem: 'tooManyPixels' };
  } catch {
    return { problem: 'notImage' };
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) return { problem: 'notImage' };
  try {
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize(LOGO_BOX, LOGO_BOX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return {
      content: data,
      content_type: 'image/webp',
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch (error) {
    return { problem: /pixel limit/i.test(String((error as Error).message)) ? 'tooManyPixels' : 'notImage' };
  }
}
