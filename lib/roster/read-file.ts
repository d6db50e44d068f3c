import { checkRosterFileSize, parseRosterCsv, type KnownPartner, type RosterPreview } from './csv';

/**
 * Reads a roster file the user picked. The size is checked before the file is read, so choosing a
 * 50 MB export by mistake never loads it into memory.
 */
export async function readRosterFile(
  file: Pick<Blob, 'size' | 'text'>,
  existing: readonly KnownPartner[],
): Promise<RosterPreview | { error: string }> {
  const tooBig = checkRosterFileSize(file.size);
  if (tooBig) return { error: tooBig };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { error: 'The file could not be read. It may have been moved or deleted; choose it again.' };
  }
  return parseRosterCsv(text, existing);
}
