import { EVERYONE, type Persona } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/** This module's rows of the authorisation matrix (src/access-matrix.ts spreads them). */
export const DIRECTORY_MATRIX: AccessMatrix<Persona> = {
  // The public directory: search, facets, map (GET only, no state).
  'GET /annuaire': EVERYONE,
};
