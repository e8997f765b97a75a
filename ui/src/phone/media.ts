// What the browser phone knows about files picked in this page: the File behind each media_id (for
// thumbnails and sizes; the sandbox and the payload only hold names and ciphertext), and how the
// list shows a size.

const pageFiles = new Map<string, File>();

/** Remembers the file the user picked for `mediaId` (a picker item's id). */
export function rememberPageFile(mediaId: string, file: File): void {
  pageFiles.set(mediaId, file);
}

/** The file picked in this page for `mediaId`, if it was. */
export function pageFile(mediaId: string): File | undefined {
  return pageFiles.get(mediaId);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
