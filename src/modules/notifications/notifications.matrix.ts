import { type Persona, SIGNED_IN } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/** This module's rows of the authorisation matrix (src/access-matrix.ts spreads them). */
export const NOTIFICATIONS_MATRIX: AccessMatrix<Persona> = {
  'GET /compte/notifications': SIGNED_IN,
  'POST /compte/notifications': SIGNED_IN,
};
