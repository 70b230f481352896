// npm run import:sirene -- StockUniteLegale_utf8.csv [--batch N] [--restart]
// Imports the active units of the social and solidarity economy from INSEE's SIRENE stock file into the
// configured database (DATABASE_URL, else PGlite in DATA_DIR), resuming an interrupted run of the same file.
// See src/modules/organisations/imports/README.md. Exit: 0 done, 1 fatal error, 130 interrupted.
import { runImportCli } from '../src/modules/organisations/imports/cli.js';
import { sireneSource } from '../src/modules/organisations/imports/sirene.js';

process.exitCode = await runImportCli(sireneSource, 'import:sirene', process.argv.slice(2));
