import { ADMINISTRATORS, type Persona } from '../../access-personas.js';
import type { AccessMatrix } from '../../platform/testing/access-matrix.js';

/** An unknown call: administrators get 404 (read as allowed), everyone else is refused before. */
const UNKNOWN = {
  id: '00000000-0000-4000-8000-000000000000',
  sectionId: 'section_inconnue',
  fieldId: 'champ_inconnu',
  ruleId: 'regle_inconnue',
  assignmentId: '00000000-0000-4000-8000-000000000001',
};
const row = { ...ADMINISTRATORS, params: UNKNOWN };

/** The form builder's and the instructeurs' rows of the authorisation matrix (administrators only). */
export const CALLS_BUILDER_MATRIX: AccessMatrix<Persona> = {
  'GET /admin/appels/:id/formulaire': row,
  'GET /admin/appels/:id/formulaire/apercu': row,
  'GET /admin/appels/:id/formulaire/sections/nouvelle': row,
  'POST /admin/appels/:id/formulaire/sections/nouvelle': row,
  'GET /admin/appels/:id/formulaire/sections/:sectionId/modifier': row,
  'POST /admin/appels/:id/formulaire/sections/:sectionId/modifier': row,
  'POST /admin/appels/:id/formulaire/sections/:sectionId/deplacement': row,
  'POST /admin/appels/:id/formulaire/sections/:sectionId/suppression': row,
  'GET /admin/appels/:id/formulaire/sections/:sectionId/champs/nouveau': row,
  'POST /admin/appels/:id/formulaire/sections/:sectionId/champs/nouveau': row,
  'GET /admin/appels/:id/formulaire/champs/:fieldId/modifier': row,
  'POST /admin/appels/:id/formulaire/champs/:fieldId/modifier': row,
  'POST /admin/appels/:id/formulaire/champs/:fieldId/deplacement': row,
  'POST /admin/appels/:id/formulaire/champs/:fieldId/suppression': row,
  'GET /admin/appels/:id/formulaire/regles/nouvelle': row,
  'POST /admin/appels/:id/formulaire/regles/nouvelle': row,
  'GET /admin/appels/:id/formulaire/regles/:ruleId/modifier': row,
  'POST /admin/appels/:id/formulaire/regles/:ruleId/modifier': row,
  'POST /admin/appels/:id/formulaire/regles/:ruleId/suppression': row,
  'GET /admin/appels/:id/instructeurs': row,
  'POST /admin/appels/:id/instructeurs': row,
  'POST /admin/appels/:id/instructeurs/:assignmentId/retrait': row,
};
