// The pickers' stand-in for the phone's camera roll and files: small, well-formed media values of
// the shape the client hands to the flow (file name, size, mime type, id), so min/max/size rules
// and payloads behave as with real files.
export interface FakeMedia {
  readonly file_name: string;
  readonly file_size: number;
  readonly mime_type: string;
  readonly media_id: string;
}

const PHOTO_NAMES = ['beach.jpg', 'receipt.jpg', 'cat.jpg', 'storefront.jpg', 'invoice-scan.jpg'];
const DOC_NAMES = ['invoice.pdf', 'contract.pdf', 'id-card.pdf', 'statement.pdf', 'notes.pdf'];

/** The n-th fake photo or document (deterministic, so screenshots and tests are stable). */
export function fakeMedia(kind: 'photo' | 'document', index: number): FakeMedia {
  const names = kind === 'photo' ? PHOTO_NAMES : DOC_NAMES;
  const name = names[index % names.length] ?? 'file';
  return {
    file_name: name,
    file_size: 48_000 + index * 7_300,
    mime_type: kind === 'photo' ? 'image/jpeg' : 'application/pdf',
    media_id: `sandbox-media-${kind}-${index + 1}`,
  };
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
