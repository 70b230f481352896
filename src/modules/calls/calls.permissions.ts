import { administrator, isAdministrator, type Principal } from '../../platform/access/index.js';

/** Who manages calls (create, edit, publish, close, reopen): administrators, with their second factor. */
export const callsManager = administrator;

/** Who sees a draft call's page (preview): administrators. */
export function canSeeDraftCall(principal: Principal): boolean {
  return isAdministrator(principal);
}
