/** Small French text helpers for generated names and sentences. */

const VOWEL_START = /^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ]/i;

/**
 * "de" + a place name, with the French contractions: de Lyon, d'Annecy, du Havre, des Mureaux,
 * de La Rochelle, de L'Haÿ-les-Roses.
 */
export function ofPlace(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (name.startsWith('La ') || name.startsWith("L'")) return `de ${name}`;
  return VOWEL_START.test(name) ? `d'${name}` : `de ${name}`;
}

/** "à" + a place name: à Lyon, au Havre, aux Mureaux, à La Rochelle. */
export function atPlace(name: string): string {
  if (name.startsWith('Le ')) return `au ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `aux ${name.slice(4)}`;
  return `à ${name}`;
}

/** A whole number as French writes it: 1 250, 12 000 (narrow no-break space between thousands). */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(n));
  return digits.length <= 3 ? digits : digits.replace(/\B(?=(\d{3})+$)/g, '\u202f');
}

const ASCII: Record<string, string> = {
  à: 'a',
  â: 'a',
  ä: 'a',
  á: 'a',
  ã: 'a',
  å: 'a',
  ç: 'c',
  é: 'e',
  è: 'e',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  í: 'i',
  ì: 'i',
  ô: 'o',
  ö: 'o',
  ó: 'o',
  ò: 'o',
  õ: 'o',
  ù: 'u',
  û: 'u',
  ü: 'u',
  ú: 'u',
  ÿ: 'y',
  ñ: 'n',
  œ: 'oe',
  æ: 'ae',
};

/** A name as a host name label: 'Les Jardins de Saint-Étienne' -> 'les-jardins-de-saint-etienne'. */
export function slugify(text: string, maxLength = 63): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]/g, (ch) => ASCII[ch] ?? ASCII[ch.normalize('NFD')[0] ?? ''] ?? '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > 10 ? cut.slice(0, lastDash) : cut;
}
