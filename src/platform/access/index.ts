export {
  type AccessDecision,
  accessControl,
  decideAccess,
  type RegisteredRoute,
  safeReturnPath,
} from './plugin.js';
export {
  ANONYMOUS,
  hasRole,
  isAdministrator,
  isRole,
  isScopeType,
  isSignedIn,
  isStaff,
  type Principal,
  ROLE_SCOPES,
  ROLES,
  type Role,
  type RoleGrant,
  SCOPE_TYPES,
  type Scope,
  type ScopeType,
  STAFF_ROLES,
  scopeFits,
} from './roles.js';
export { type AccessRule, administrator, publicAccess, rule, signedIn } from './rules.js';
