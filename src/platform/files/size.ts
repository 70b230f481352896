/** A size in French units: « 512 octets », « 12,5 Ko », « 10 Mo », « 1,2 Go » (1 Ko = 1 024 octets). */
export function formatFileSizeFr(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) {
    const n = Math.max(0, Math.round(bytes || 0));
    return `${n} octet${n > 1 ? 's' : ''}`;
  }
  const units = ['Ko', 'Mo', 'Go', 'To'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${String(rounded).replace('.', ',')} ${units[unit]}`;
}
