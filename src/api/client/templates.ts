// templates.*: create, list, read one, delete. Graph reads one template as a list filtered by name,
// which the contract decodes to `{}` when nothing matched: that is a 404 here, as it is on 360dialog.
import { ApiError } from '../errors.js';
import { createTemplate, deleteTemplate, getTemplate, listTemplates } from '../contract/index.js';
import type { CreateTemplateResponse, ListTemplatesResponse, SuccessResponse, TemplateRecord } from '../contract/index.js';
import type { Caller } from './pipeline.js';
import type { ResolvedOptions } from './options.js';
import type { ApiClient } from './types.js';

export function templatesApi(resolved: ResolvedOptions, caller: Caller): ApiClient['templates'] {
  return {
    async create(input, request) {
      return (await caller.call(createTemplate, { json: input }, { label: 'templates.create', signal: request?.signal })) as unknown as CreateTemplateResponse;
    },
    async list(request) {
      return (await caller.call(listTemplates, {}, { label: 'templates.list', signal: request?.signal })) as unknown as ListTemplatesResponse;
    },
    async get(name, request) {
      const record = await caller.call(getTemplate, { params: { templateName: name } }, { label: 'templates.get', signal: request?.signal });
      if (resolved.dialects.templates === 'meta' && Object.keys(record).length === 0) {
        const wabaId = resolved.accountParams.meta?.wabaId ?? '';
        throw new ApiError({
          status: 404,
          dialect: 'meta',
          operation: getTemplate.id,
          message: `${getTemplate.id}: HTTP 404: no message template named ${JSON.stringify(name)} on WABA ${wabaId}.`,
          hint: 'Template names are lower case with underscores, per WABA: check the name, and that the template was created on this WABA (templates.list() shows them).',
        });
      }
      return record as unknown as TemplateRecord;
    },
    async delete(name, options, request) {
      const query: Record<string, string> = options?.id === undefined ? {} : { hsm_id: options.id };
      return (await caller.call(deleteTemplate, { params: { templateName: name }, query }, { label: 'templates.delete', signal: request?.signal })) as unknown as SuccessResponse;
    },
  };
}
