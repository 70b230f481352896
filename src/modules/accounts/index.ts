export { accountsJobHandlers, purgeAccounts, schedulePurge } from './accounts.purge.js';
export {
  countAdministrators,
  countRoleAssignments,
  findAccountByEmail,
  grantRole,
  listRoleAssignments,
  type RoleActor,
  type RoleAssignmentFilter,
  type RoleAssignmentView,
  revokeRole,
  roleWords,
} from './accounts.roles.js';
export { accountsRoutes } from './accounts.routes.js';
export type { CurrentUser } from './accounts.service.js';
export { type AccountsSessionOptions, accountsSession } from './accounts.session.js';
export { checkPasswordPolicy } from './passwords.js';
