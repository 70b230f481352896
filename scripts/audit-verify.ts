// npm run audit:verify   checks the audit trail of the configured database: every event's hash, every link
// to the previous event, the end of the chain against its head, and nothing beyond it.
// Exit status: 0 intact, 1 altered (the first bad event is named), 2 the check could not run.
import { loadConfig } from '../src/config.js';
import { verifyAuditChain } from '../src/platform/audit/index.js';
import { openConfiguredDatabase } from '../src/platform/db/index.js';

const number = new Intl.NumberFormat('fr-FR');
/** "0 évènement vérifié", "1 évènement vérifié", "1 500 évènements vérifiés". */
const verified = (n: number) => `${number.format(n)} ${n > 1 ? 'évènements vérifiés' : 'évènement vérifié'}`;

try {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const report = await verifyAuditChain(database.db);
    if (report.ok) {
      console.log(`Journal d'audit intègre : ${verified(report.count)}.`);
      // The value to keep outside the database (see src/platform/audit/README.md, "Limits").
      if (report.count > 0)
        console.log(`Dernier évènement : n° ${report.lastId}, empreinte ${report.lastHash}`);
    } else {
      console.error(`Journal d'audit altéré : ${report.detail}`);
      if (report.firstBadId !== null) console.error(`Premier évènement en cause : n° ${report.firstBadId}`);
      console.error(`Avant lui : ${verified(report.count)} (code ${report.reason}).`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`Vérification du journal d'audit impossible : ${(error as Error).message}`);
  process.exitCode = 2;
}
