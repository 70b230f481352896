import { isValidRna, isValidSiren, isValidSiret } from '../../../platform/validation/siren.js';
import type { LegalForm } from '../organisations.tables.js';
import { SIZE_BAND_CODES } from '../organisations.vocabulary.js';
import { cap, columnIndex, type ImportSource, type Mapped, nafCode, yearOf } from './source.js';

/**
 * INSEE's « Stock des unités légales » (StockUniteLegale_utf8.csv, base Sirene): one line per SIREN,
 * comma-separated, UTF-8, with the documented column names. Kept: active units (etatAdministratif 'A')
 * of the social and solidarity economy (economieSocialeSolidaire 'O'). The file holds no address (that
 * is in StockEtablissement): the commune of an imported unit stays empty.
 */

export const SIRENE_COLUMNS = [
  'siren',
  'statutDiffusionUniteLegale',
  'dateCreationUniteLegale',
  'sigleUniteLegale',
  'prenom1UniteLegale',
  'trancheEffectifsUniteLegale',
  'etatAdministratifUniteLegale',
  'nomUniteLegale',
  'denominationUniteLegale',
  'denominationUsuelle1UniteLegale',
  'categorieJuridiqueUniteLegale',
  'activitePrincipaleUniteLegale',
  'nomenclatureActivitePrincipaleUniteLegale',
  'nicSiegeUniteLegale',
  'economieSocialeSolidaireUniteLegale',
  'societeMissionUniteLegale',
] as const;

/** Catégories juridiques (niveau III) of cooperatives outside the 92xx-93xx ranges. */
const COOPERATIVES = new Set([
  // SARL coopératives (consommation, artisanale, maritime, transport, SCOP, unions, autres)
  '5443',
  '5451',
  '5453',
  '5454',
  '5455',
  '5458',
  '5459',
  '5460',
  // SA coopératives à conseil d'administration
  '5543',
  '5547',
  '5551',
  '5552',
  '5553',
  '5554',
  '5555',
  '5558',
  '5559',
  '5560',
  // SA coopératives à directoire
  '5643',
  '5647',
  '5651',
  '5652',
  '5653',
  '5654',
  '5655',
  '5658',
  '5659',
  '5660',
  // CUMA, sociétés coopératives agricoles and their unions, SICA
  '6316',
  '6317',
  '6318',
  '6532',
]);

/** Mutual insurers outside 82xx: société d'assurance à forme mutuelle, société mutuelle d'assurance, unions. */
const MUTUELLES = new Set(['6411', '6412', '6413']);

/** The platform's legal form of a unit, from its catégorie juridique and « société à mission » flag. */
export function legalFormOf(categorie: string, societeMission: boolean): LegalForm {
  if (categorie.startsWith('92')) return 'association';
  if (categorie.startsWith('93')) return 'fondation';
  if (COOPERATIVES.has(categorie)) return 'cooperative';
  if (categorie.startsWith('82') || MUTUELLES.has(categorie)) return 'mutuelle';
  if (/^7[123]/.test(categorie)) return 'collectivite';
  return societeMission ? 'entreprise_engagee' : 'entreprise_sociale';
}

const SIZE_BANDS: ReadonlySet<string> = new Set(SIZE_BAND_CODES);

/** '[ND]' is how the file writes a value that is not diffusible. */
function value(v: string | undefined): string {
  const t = (v ?? '').trim();
  return t === '[ND]' ? '' : t;
}

export const sireneSource: ImportSource = {
  kind: 'sirene',
  label: 'SIRENE (StockUniteLegale)',
  separator: ',',
  requiredColumns: SIRENE_COLUMNS,
  mapper(header) {
    const at = columnIndex(header);
    const col = {
      siren: at('siren'),
      diffusion: at('statutDiffusionUniteLegale'),
      creation: at('dateCreationUniteLegale'),
      sigle: at('sigleUniteLegale'),
      prenom1: at('prenom1UniteLegale'),
      prenomUsuel: at('prenomUsuelUniteLegale'),
      tranche: at('trancheEffectifsUniteLegale'),
      etat: at('etatAdministratifUniteLegale'),
      nom: at('nomUniteLegale'),
      nomUsage: at('nomUsageUniteLegale'),
      denomination: at('denominationUniteLegale'),
      usuelle: at('denominationUsuelle1UniteLegale'),
      categorie: at('categorieJuridiqueUniteLegale'),
      activite: at('activitePrincipaleUniteLegale'),
      nomenclature: at('nomenclatureActivitePrincipaleUniteLegale'),
      nic: at('nicSiegeUniteLegale'),
      ess: at('economieSocialeSolidaireUniteLegale'),
      mission: at('societeMissionUniteLegale'),
      association: at('identifiantAssociationUniteLegale'),
    };
    return (f): Mapped => {
      const get = (i: number): string => (i < 0 ? '' : value(f[i]));
      const siren = get(col.siren);
      if (!/^[0-9]{9}$/.test(siren)) return { kind: 'reject', reason: `SIREN mal formé : « ${siren} »` };
      if (!isValidSiren(siren))
        return { kind: 'reject', reason: `SIREN invalide (clé de contrôle) : ${siren}` };
      const etat = get(col.etat);
      if (etat !== 'A' && etat !== 'C') {
        return { kind: 'reject', reason: `état administratif inconnu : « ${etat} »` };
      }
      const closed = etat === 'C';
      // Closed units keep flowing (to close a unit imported before), whatever their ESS flag now.
      if (!closed && get(col.ess) !== 'O') return { kind: 'skip', reason: 'hors ESS' };
      // Millions of closed units (some purged, without a name) are out of scope: incomplete, they are
      // skipped, not reported.
      const reject = (reason: string): Mapped =>
        closed ? { kind: 'skip', reason: `fermée, ${reason}` } : { kind: 'reject', reason };
      const categorie = get(col.categorie);
      if (categorie !== '' && !/^[0-9]{4}$/.test(categorie)) {
        return reject(`catégorie juridique mal formée : « ${categorie} »`);
      }
      const personal = categorie === '1000' || (get(col.denomination) === '' && get(col.usuelle) === '');
      const partlyDiffusible = value(f[col.diffusion]) === 'P';
      if (personal && partlyDiffusible) return { kind: 'skip', reason: 'personne physique non diffusible' };
      let name = get(col.denomination) || get(col.usuelle) || get(col.sigle);
      if (name === '' && !partlyDiffusible) {
        const first = get(col.prenomUsuel) || get(col.prenom1);
        const last = get(col.nomUsage) || get(col.nom);
        name = [first, last].filter(Boolean).join(' ');
      }
      if (name === '') return reject('nom vide');
      const founded = yearOf(get(col.creation));
      if (founded === undefined) {
        return reject(`date de création invalide : « ${get(col.creation)} »`);
      }
      const nic = get(col.nic);
      const siret = /^[0-9]{5}$/.test(nic) && isValidSiret(siren + nic) ? siren + nic : null;
      const tranche = get(col.tranche);
      const rna = get(col.association);
      return {
        kind: 'row',
        row: {
          source_key: siren,
          name: cap(name, 200),
          legal_form: legalFormOf(categorie, get(col.mission) === 'O'),
          categorie_juridique: categorie || null,
          siren,
          siret,
          rna: isValidRna(rna) ? rna : null,
          naf_code: get(col.nomenclature) === 'NAFRev2' ? nafCode(get(col.activite)) : null,
          size_band: SIZE_BANDS.has(tranche) ? tranche : null,
          founded_year: founded,
          closed,
        },
      };
    };
  },
};
