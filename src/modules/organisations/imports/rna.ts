import { isValidRna, isValidSiret } from '../../../platform/validation/siren.js';
import { cap, columnIndex, type ImportSource, type Mapped, yearOf } from './source.js';

/**
 * The Répertoire national des associations, « waldec » extract (rna_waldec_AAAAMMJJ_dpt_XX.csv): one line
 * per association, ';'-separated, in UTF-8 or Windows-1252 depending on the year of the file. Every line is
 * an association (legal form 'association', catégorie juridique 9220 « association déclarée »).
 */

export const RNA_COLUMNS = [
  'id',
  'siret',
  'date_creat',
  'titre',
  'objet',
  'adrs_numvoie',
  'adrs_repetition',
  'adrs_typevoie',
  'adrs_libvoie',
  'adrs_codeinsee',
  'adrs_codepostal',
  'siteweb',
  'position',
] as const;

/** The municipal arrondissements of Paris, Lyon and Marseille belong to their commune. */
function communeOfArrondissement(code: string): string {
  if (/^751(0[1-9]|1[0-9]|20)$/.test(code)) return '75056';
  if (/^6938[1-9]$/.test(code)) return '69123';
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return '13055';
  return code;
}

const REPETITIONS: Record<string, string> = { B: 'bis', T: 'ter', Q: 'quater', C: 'quinquies' };

/** The street address, from the number, its repetition index (B: bis…), the street type and name. */
export function rnaAddress(numero: string, repetition: string, type: string, voie: string): string | null {
  const parts = [numero, REPETITIONS[repetition.toUpperCase()] ?? repetition, type, voie]
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length === 0 ? null : cap(parts.join(' '), 300);
}

/** An http(s) address with a host name, https:// added when no scheme was written; null otherwise. */
export function websiteOf(raw: string): string | null {
  const v = raw.trim();
  if (v === '' || /\s/.test(v)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return null;
  const href = url.href;
  return href.length <= 300 ? href : null;
}

export const rnaSource: ImportSource = {
  kind: 'rna',
  label: 'RNA (waldec)',
  separator: ';',
  requiredColumns: RNA_COLUMNS,
  mapper(header, context) {
    const at = columnIndex(header);
    const col = Object.fromEntries(RNA_COLUMNS.map((name) => [name, at(name)])) as Record<
      (typeof RNA_COLUMNS)[number],
      number
    >;
    return (f): Mapped => {
      const get = (name: (typeof RNA_COLUMNS)[number]): string => (f[col[name]] ?? '').trim();
      const rna = get('id').toUpperCase();
      if (!isValidRna(rna)) return { kind: 'reject', reason: `numéro RNA invalide : « ${get('id')} »` };
      const position = get('position').toUpperCase();
      if (position !== '' && position !== 'A' && position !== 'D' && position !== 'S') {
        return { kind: 'reject', reason: `position inconnue : « ${get('position')} »` };
      }
      const closed = position === 'D' || position === 'S';
      // Dissolved associations are out of scope unless imported before: incomplete, they are skipped.
      const reject = (reason: string): Mapped =>
        closed ? { kind: 'skip', reason: `dissoute, ${reason}` } : { kind: 'reject', reason };
      const name = get('titre');
      if (name === '') return reject('nom vide');
      const founded = yearOf(get('date_creat'));
      if (founded === undefined) return reject(`date de création invalide : « ${get('date_creat')} »`);
      const warnings: string[] = [];
      const siretRaw = get('siret');
      const siret = isValidSiret(siretRaw) ? siretRaw : null;
      if (siretRaw !== '' && siret === null) warnings.push(`SIRET invalide ignoré : ${siretRaw}`);
      const codeRaw = get('adrs_codeinsee').toUpperCase();
      let communeCode: string | null = null;
      if (codeRaw !== '') {
        const code = communeOfArrondissement(codeRaw);
        if (context.communes.has(code)) communeCode = code;
        else warnings.push(`commune inconnue du code officiel géographique : ${codeRaw}`);
      }
      const postal = get('adrs_codepostal');
      return {
        kind: 'row',
        row: {
          source_key: rna,
          name: cap(name, 200),
          legal_form: 'association',
          categorie_juridique: '9220',
          siren: siret ? siret.slice(0, 9) : null,
          siret,
          rna,
          address: rnaAddress(
            get('adrs_numvoie'),
            get('adrs_repetition'),
            get('adrs_typevoie'),
            get('adrs_libvoie'),
          ),
          postal_code: /^[0-9]{5}$/.test(postal) ? postal : null,
          commune_code: communeCode,
          description: cap(get('objet'), 5000),
          website: websiteOf(get('siteweb')),
          founded_year: founded,
          closed,
        },
        ...(warnings.length > 0 ? { warning: warnings.join(' ; ') } : {}),
      };
    };
  },
};
