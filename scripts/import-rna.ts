// npm run import:rna -- rna_waldec_AAAAMMJJ.csv [--batch N] [--restart] [--encoding utf-8|latin1]
// Imports the associations of the RNA (waldec extract) into the configured database (DATABASE_URL, else
// PGlite in DATA_DIR), resuming an interrupted run of the same file.
// See src/modules/organisations/imports/README.md. Exit: 0 done, 1 fatal error, 130 interrupted.
import { runImportCli } from '../src/modules/organisations/imports/cli.js';
import { rnaSource } from '../src/modules/organisations/imports/rna.js';

process.exitCode = await runImportCli(rnaSource, 'import:rna', process.argv.slice(2));
