// `render`: screens of a flow as PNG images, drawn by the browser app's own phone in headless
// Chromium (src/render), with what each screen showed as text, so a model can look and read.
// src/render is loaded only when this tool runs: it needs playwright-core and a Chromium.
import { FLOW_INPUT, readFlowSource } from '../context.js';
import { ToolInputError, answer, failure } from './tool.js';
import type { ToolContent, ToolDefinition } from './tool.js';

const toBase64 = (png: Uint8Array): string => Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64');

export const renderTool: ToolDefinition = {
  name: 'render',
  title: 'Render flow screens as images',
  description:
    'Draws screens of a flow as the WhatsApp phone shows them (the browser app\'s phone, in headless Chromium) and returns one PNG image per screen, ' +
    'in order, with the texts each screen showed. Screens get their __example__ data, under `data` when given. With sheet: true, a last image shows every ' +
    'screen side by side with the routing arrows. Needs playwright-core and a Chromium (WAFLOW_CHROMIUM or `waflow mcp --chromium PATH`).',
  inputSchema: {
    type: 'object',
    properties: {
      ...FLOW_INPUT,
      screens: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'The screen ids to render (default: every screen).' },
      data: { type: 'object', description: "Data for the rendered screens, over each screen's __example__ values." },
      width: { type: 'integer', minimum: 240, maximum: 1200, description: 'The phone width in CSS pixels (default 360).' },
      sheet: { type: 'boolean', description: 'Also return the contact sheet of all screens with the routing (default false).' },
    },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      screens: {
        type: 'array',
        description: 'The rendered screens, in the order of the images.',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            shown: {
              type: 'object',
              description: "What the phone showed: the top bar's title and the visible texts.",
              properties: { title: { type: 'string' }, texts: { type: 'array', items: { type: 'string' } } },
              required: ['title', 'texts'],
            },
            bytes: { type: 'integer', description: 'The PNG size.' },
          },
          required: ['id', 'shown', 'bytes'],
        },
      },
      sheet: { type: 'boolean', description: 'Whether the last image is the contact sheet.' },
    },
    required: ['screens', 'sheet'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handle(args, context) {
    const source = await readFlowSource(context, args);
    const { renderFlow, RenderInputError, ChromiumMissingError } = await import('../../render/index.js');
    let result;
    try {
      result = await renderFlow({
        flow: source.text,
        ...(Array.isArray(args.screens) ? { screens: args.screens as string[] } : {}),
        ...(args.data !== undefined ? { data: args.data as Record<string, unknown> } : {}),
        ...(typeof args.width === 'number' ? { width: args.width } : {}),
        sheet: args.sheet === true,
        ...(context.chromiumPath !== undefined ? { chromiumPath: context.chromiumPath } : {}),
      });
    } catch (error) {
      if (error instanceof RenderInputError) throw new ToolInputError(`${source.name}: ${error.message}`);
      if (error instanceof ChromiumMissingError) return failure(`render needs Chromium: ${error.message}`);
      throw error;
    }
    const images: ToolContent[] = result.screens.map((s) => ({ type: 'image', data: toBase64(s.png), mimeType: 'image/png' }));
    if (result.sheet !== undefined) images.push({ type: 'image', data: toBase64(result.sheet), mimeType: 'image/png' });
    return answer(
      {
        screens: result.screens.map((s) => ({ id: s.id, ...(s.title !== undefined ? { title: s.title } : {}), shown: s.dom, bytes: s.png.byteLength })),
        sheet: result.sheet !== undefined,
      },
      images,
    );
  },
};
