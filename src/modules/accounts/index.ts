export { accountsRoutes } from './accounts.routes.js';
export type { CurrentUser } from './accounts.service.js';
export { type AccountsSessionOptions, accountsSession } from './accounts.session.js';
export { checkPasswordPolicy } from './passwords.js';
