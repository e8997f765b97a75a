// POST /_sandbox/sessions/:id/pick: the phone's file chooser over HTTP (tests, scripts, and the
// browser phone's real file input). Two bodies:
// - application/json: `{ "name": "photos", "files": [{ "file_name": "damage.jpg",
//   "mime_type": "image/jpeg", "data_base64": "<standard base64>" }], "replace": false }`;
//   `mime_type` is optional (sniffed from the bytes, then the name);
// - multipart/form-data, as a browser's FormData sends a file input: a `name` field, optionally
//   `replace` = "true", and each file as a part of its own (any part name, e.g. `files`), with its
//   file name and type.
// Files are added to the field's files unless `replace` is true. The answer is the one of the
// other session actions: `{ ok, reason?, media, session }`, 200, or 422 when the picker refuses
// the files (too many, too large, wrong type: `reason`, also under the field in the session's
// `media[name].refused`). The whole body is limited by the sandbox's maxBodyBytes (16 MiB).
import { decodeBase64Strict } from '../../data-channel/base64.js';
import type { Router } from '../router.js';
import { json } from '../router.js';
import { PhoneError } from './chat.js';
import { pickFiles } from './pick.js';
import type { PickFile } from './pick.js';
import { sessionView } from './sessions.js';

interface PickRequest {
  readonly name: string;
  readonly files: PickFile[];
  readonly replace: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldName(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new PhoneError('INVALID_INPUT', 'pick needs "name": the PhotoPicker or DocumentPicker to pick into');
  return value;
}

function replaceFlag(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new PhoneError('INVALID_INPUT', '"replace" must be true or false');
}

async function readJsonPick(req: Request): Promise<PickRequest> {
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    throw new PhoneError('INVALID_INPUT', 'the request body is not valid JSON');
  }
  if (!isRecord(body)) throw new PhoneError('INVALID_INPUT', 'the request body must be a JSON object');
  if (!Array.isArray(body.files)) throw new PhoneError('INVALID_INPUT', 'pick needs "files": [{ "file_name", "mime_type"?, "data_base64" }]');
  const files = body.files.map((file, i): PickFile => {
    if (!isRecord(file)) throw new PhoneError('INVALID_INPUT', `files[${i}] must be an object`);
    if (typeof file.file_name !== 'string' || file.file_name === '') throw new PhoneError('INVALID_INPUT', `files[${i}].file_name must be a non-empty string`);
    if (file.mime_type !== undefined && typeof file.mime_type !== 'string') throw new PhoneError('INVALID_INPUT', `files[${i}].mime_type must be a string`);
    const bytes = typeof file.data_base64 === 'string' ? decodeBase64Strict(file.data_base64.replace(/\s+/g, '')) : undefined;
    if (bytes === undefined) throw new PhoneError('INVALID_INPUT', `files[${i}].data_base64 must be the file's bytes in standard base64`);
    return { fileName: file.file_name, bytes, ...(file.mime_type === undefined ? {} : { mimeType: file.mime_type }) };
  });
  return { name: fieldName(body.name), files, replace: replaceFlag(body.replace) };
}

async function readMultipartPick(req: Request): Promise<PickRequest> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new PhoneError('INVALID_INPUT', 'the multipart/form-data body could not be read');
  }
  const files: PickFile[] = [];
  for (const [part, value] of form.entries()) {
    if (typeof value === 'string') continue;
    if (value.name === '') throw new PhoneError('INVALID_INPUT', `the file in part "${part}" has no file name`);
    files.push({ fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()), ...(value.type === '' ? {} : { mimeType: value.type }) });
  }
  return { name: fieldName(form.get('name')), files, replace: replaceFlag(form.get('replace') ?? undefined) };
}

export function registerPickRoute(router: Router): void {
  router.add('POST', '/_sandbox/sessions/:id/pick', async (req, params, ctx) => {
    try {
      const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      const pick = type === 'multipart/form-data' ? await readMultipartPick(req) : await readJsonPick(req);
      const outcome = await pickFiles(ctx, params.id ?? '', pick.name, pick.files, { replace: pick.replace });
      const session = sessionView(outcome.live);
      if (!outcome.ok) return json({ ok: false, reason: outcome.reason, media: [], session }, 422);
      return json({ ok: true, media: outcome.items, session });
    } catch (error) {
      if (error instanceof PhoneError) return json({ error: { code: error.code, message: error.message } }, error.status);
      throw error;
    }
  });
}
