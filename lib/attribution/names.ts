/** Partner names compare without regard to case, accents or repeated spaces: "Globex  Café" = "globex cafe". */
export function normalizePartnerName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name as the user meant it: trimmed, inner whitespace collapsed, case kept. */
export function cleanPartnerName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}
