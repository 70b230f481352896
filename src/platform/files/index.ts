import type { FileStore } from './store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's file store (built once by buildApp). */
    files: FileStore;
  }
}

export { formatFileSizeFr } from './size.js';
export {
  DOCX,
  MSEXCEL,
  MSPOWERPOINT,
  MSWORD,
  PPTX,
  sniffContentType,
  typeMatches,
  XLSX,
} from './sniff.js';
export {
  createLocalFileStore,
  FileMissing,
  type FileStore,
  FileTooLarge,
  InvalidFileKey,
  isFileKey,
  type PutOptions,
  removeStaleTemporaryFiles,
  SNIFF_HEAD_BYTES,
  type StoredFile,
} from './store.js';
