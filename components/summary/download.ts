/**
 * Offers a text as a file download from an extension page (a Blob URL needs no permission). The popup
 * uses it for **Export CSV**; the URL is revoked once the browser has taken the file.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
