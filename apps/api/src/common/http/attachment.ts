/**
 * `attachment; filename="…"` with an ASCII fallback and the exact name in RFC 5987 form, so that a download keeps its
 * accented name intact in every browser.
 */
export const attachmentDisposition = (fileName: string): string => {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '');
  return `attachment; filename="${ascii || 'fichier'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
