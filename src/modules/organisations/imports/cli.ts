import { ConfigError, loadConfig } from '../../../config.js';
import { migrate, openConfiguredDatabase } from '../../../platform/db/index.js';
import { seedGeography } from '../../../platform/geo/index.js';
import type { CsvEncoding } from './csv.js';
import { communeCodes } from './import.queries.js';
import { ImportError, type ImportSummary, importFile } from './import.service.js';
import { formatDuration, formatInteger } from './progress.js';
import type { ImportSource } from './source.js';

/**
 * The command line of `npm run import:sirene` and `npm run import:rna` (scripts/import-*.ts):
 *   FILE [--batch N] [--restart] [--encoding utf-8|latin1] [--rejets PATH]
 * Exit status: 0 done (rejected lines included), 1 fatal error (French message), 130 interrupted (Ctrl-C;
 * the same command resumes).
 */

/** Rejected lines and warnings printed on the terminal; the rest are only counted (and in FILE.rejets.csv). */
const PRINTED_LINES = 20;

interface Arguments {
  file: string;
  batchSize?: number;
  restart: boolean;
  encoding: CsvEncoding | 'auto';
  rejectsPath?: string;
}

function usage(command: string): string {
  return `Usage : npm run ${command} -- FICHIER [--batch N] [--restart] [--encoding utf-8|latin1] [--rejets FICHIER]`;
}

export function parseArguments(argv: readonly string[], command: string): Arguments {
  const args = [...argv];
  let file: string | undefined;
  const out: Omit<Arguments, 'file'> = { restart: false, encoding: 'auto' };
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const optionValue = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '')
        throw new ImportError(`L’option ${flag} attend une valeur. ${usage(command)}`);
      return v;
    };
    switch (flag) {
      case '--batch': {
        const v = optionValue();
        const n = Number(v);
        if (!/^[0-9]+$/.test(v) || n < 1 || n > 100_000) {
          throw new ImportError(`--batch attend un nombre de lignes entre 1 et 100 000 (reçu : ${v}).`);
        }
        out.batchSize = n;
        break;
      }
      case '--restart':
        out.restart = true;
        break;
      case '--encoding': {
        const v = optionValue().toLowerCase();
        if (v === 'utf-8' || v === 'utf8') out.encoding = 'utf-8';
        else if (['latin1', 'latin-1', 'iso-8859-1', 'windows-1252', 'cp1252'].includes(v))
          out.encoding = 'windows-1252';
        else if (v === 'auto') out.encoding = 'auto';
        else throw new ImportError(`Encodage inconnu : ${v} (utf-8, latin1 ou auto).`);
        break;
      }
      case '--rejets':
        out.rejectsPath = optionValue();
        break;
      default:
        if (flag!.startsWith('-')) throw new ImportError(`Option inconnue : ${flag}. ${usage(command)}`);
        if (file !== undefined) throw new ImportError(`Un seul fichier à la fois. ${usage(command)}`);
        file = flag!;
    }
  }
  if (file === undefined) throw new ImportError(`Indiquez le fichier à importer. ${usage(command)}`);
  return { file, ...out };
}

const ENCODING_LABEL: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Latin-1)',
};

export function formatSummary(source: ImportSource, s: ImportSummary): string {
  const seconds = s.durationMs / 1000;
  const rate = seconds > 0 ? s.sessionLines / seconds : 0;
  const rows: [string, string][] = [
    ['lignes lues', formatInteger(s.read)],
    ['créées', formatInteger(s.inserted)],
    ['mises à jour', formatInteger(s.updated)],
    ['inchangées', formatInteger(s.unchanged)],
    ['ignorées', `${formatInteger(s.skipped)} (hors du périmètre de l’import)`],
    ['rejetées', `${formatInteger(s.rejected)}${s.rejectsPath ? ` (détail : ${s.rejectsPath})` : ''}`],
    ['avertissements', formatInteger(s.warnings)],
    ['encodage', ENCODING_LABEL[s.encoding]],
    [
      'durée',
      `${seconds < 60 ? `${seconds.toFixed(1).replace('.', ',')} s` : formatDuration(s.durationMs)} (${formatInteger(rate)} lignes/s)`,
    ],
  ];
  const title = s.finished
    ? `Import ${source.label} terminé : ${s.file}`
    : `Import ${source.label} interrompu : ${s.file} (relancez la même commande pour reprendre à la ligne ${formatInteger(s.nextLine ?? 0)})`;
  const resumed = s.resumedAtLine ? [`  reprise à la ligne ${formatInteger(s.resumedAtLine)}`] : [];
  return [title, ...resumed, ...rows.map(([k, v]) => `  ${k.padEnd(15)}: ${v}`)].join('\n');
}

/** Runs the command; resolves to the exit status. */
export async function runImportCli(
  source: ImportSource,
  command: string,
  argv: readonly string[],
): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nInterruption demandée : fin du lot en cours… (Ctrl-C encore pour quitter aussitôt)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const args = parseArguments(argv, command);
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      await migrate(database.db);
      if ((await communeCodes(database.db)).size === 0) {
        process.stderr.write('Chargement de la géographie officielle (première fois)…\n');
        await seedGeography(database.db);
      }
      let printed = 0;
      const summary = await importFile(database.db, source, {
        file: args.file,
        restart: args.restart,
        encoding: args.encoding,
        signal: controller.signal,
        progress: process.stderr,
        ...(args.batchSize ? { batchSize: args.batchSize } : {}),
        ...(args.rejectsPath ? { rejectsPath: args.rejectsPath } : {}),
        onLine: ({ line, kind, reason }) => {
          printed++;
          if (printed <= PRINTED_LINES) {
            process.stderr.write(
              `ligne ${line} : ${kind === 'rejected' ? 'rejetée' : 'avertissement'} : ${reason}\n`,
            );
          } else if (printed === PRINTED_LINES + 1) {
            process.stderr.write(
              '… (les suivantes sont comptées dans le résumé et listées dans le fichier des rejets)\n',
            );
          }
        },
      });
      process.stdout.write(`${formatSummary(source, summary)}\n`);
      return summary.finished ? 0 : 130;
    } finally {
      await database.close();
    }
  } catch (error) {
    if (error instanceof ImportError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`Import impossible : ${(error as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
