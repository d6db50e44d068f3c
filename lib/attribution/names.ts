/**
 * Partner names compare without regard to case, accents or repeated spaces: "Globex  Café" = "globex cafe".
 * Compatibility forms fold too ("Ｇｌｏｂｅｘ" = "globex"). After the accents are removed the text is recomposed
 * (NFC), so a key is about as long as its name: decomposed, Hangul syllables take two or three characters
 * each, and Partner_Key__c holds 120 (https://unicode.org/reports/tr15/).
 */
export function normalizePartnerName(name: string): string {
  return legacyPartnerKey(name).normalize('NFC');
}

/**
 * The key as versions before the recomposition wrote it (decomposed). Rows and records keyed this way are
 * still read: recomposing such a key gives the current one.
 */
export function legacyPartnerKey(name: string): string {
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
