// npm run admin:grant -- adresse@exemple.fr   makes an existing account an administrator of the platform (the
// first one, or when no administrator can sign in). Audited as `roles.grant` by « ligne de commande ».
// Exit status: 0 granted (or already held), 1 refused (no such account, no address), 2 the grant could not run.
import { loadConfig } from '../src/config.js';
import { findAccountByEmail, grantRole } from '../src/modules/accounts/index.js';
import { openConfiguredDatabase } from '../src/platform/db/index.js';
import { Conflict } from '../src/platform/http/errors.js';

const email = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (!email) {
  console.error('Indiquez l’adresse e-mail du compte : npm run admin:grant -- adresse@exemple.fr');
  process.exit(1);
}

try {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const account = await findAccountByEmail(database.db, email);
    if (!account) {
      console.error(
        `Aucun compte n’existe avec l’adresse ${email} : créez d’abord le compte (page « Créer un compte »), puis relancez la commande.`,
      );
      process.exitCode = 1;
    } else {
      try {
        await grantRole(
          database.db,
          { userId: account.id, role: 'administrator', scope: null },
          { id: null, label: 'ligne de commande' },
          { ip: null, requestId: null },
        );
        console.log(`Le compte ${account.email} est maintenant administrateur.`);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        console.log(`Le compte ${account.email} est déjà administrateur : rien n’a changé.`);
      }
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`Attribution du rôle administrateur impossible : ${(error as Error).message}`);
  process.exitCode = 2;
}
