// One ComponentView → its look on the phone. Texts and media are drawn here; inputs live in
// fields.tsx. Hidden components render nothing; If/Switch arrive already resolved by the runtime.
import type { ComponentView } from '../../../src/runtime/index.js';
import type { PhoneDriver, PhoneState } from './driver.js';
import { Chips, ChoiceList, DateField, Dropdown, imageSrc, MediaPicker, OptIn, TextField } from './fields.js';
import { InlineMarkdown, RichText } from './Markdown.js';
import { pointerGet } from './pointer.js';

export interface RenderContext {
  driver: PhoneDriver;
  version: string;
  /** The parsed Flow JSON when known (to tell whether an OptIn has "Read more"). */
  source?: unknown;
  /** The pickers' refused picks and file details, per field name. */
  media?: PhoneState['media'];
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

function TextBlock({ view }: { view: ComponentView }) {
  const cls = { TextHeading: 'wa-heading', TextSubheading: 'wa-subheading', TextBody: 'wa-body', TextCaption: 'wa-caption' }[view.type] ?? 'wa-body';
  const raw = view.props['text'];
  const body = Array.isArray(raw) ? raw.map(text).join('\n') : text(raw);
  const style: Record<string, string> = {};
  const weight = text(view.props['font-weight']);
  if (weight.includes('bold')) style.fontWeight = '600';
  if (weight.includes('italic')) style.fontStyle = 'italic';
  if (view.props['strikethrough'] === true) style.textDecoration = 'line-through';
  return (
    <div class={cls} style={style}>
      {view.props['markdown'] === true ? <InlineMarkdown text={body} /> : body}
    </div>
  );
}

function Image({ view }: { view: ComponentView }) {
  const height = Number(view.props['height'] ?? 0);
  const width = Number(view.props['width'] ?? 0);
  const fit = text(view.props['scale-type']) === 'cover' ? 'cover' : 'contain';
  const style: Record<string, string> = { objectFit: fit };
  if (height > 0) style.height = `${height}px`;
  if (width > 0) style.maxWidth = `${width}px`;
  return <img class="wa-image" src={imageSrc(text(view.props['src']))} alt={text(view.props['alt-text'])} style={style} />;
}

function Carousel({ view }: { view: ComponentView }) {
  const images = Array.isArray(view.props['images']) ? (view.props['images'] as Record<string, unknown>[]) : [];
  return (
    <div class="wa-carousel">
      {images.map((img, i) => (
        <img key={i} class="wa-image" src={imageSrc(text(img['src']))} alt={text(img['alt-text'])} />
      ))}
    </div>
  );
}

function NavigationList({ view, driver }: { view: ComponentView; driver: PhoneDriver }) {
  const name = view.name ?? '';
  return (
    <div class="wa-navlist" data-field={name}>
      {text(view.props['label']) !== '' && <div class="wa-navlist-label">{text(view.props['label'])}</div>}
      {text(view.props['description']) !== '' && <div class="wa-helper">{text(view.props['description'])}</div>}
      <ul>
        {(view.options ?? []).map((o) => {
          const start = o.raw['start'] as Record<string, unknown> | undefined;
          const end = o.raw['end'] as Record<string, unknown> | undefined;
          const badge = text(o.raw['badge']);
          return (
            <li key={o.id}>
              <button type="button" class="wa-navitem" disabled={!o.enabled || !view.enabled} onClick={() => driver.activate(`${name}.${o.id}`)}>
                {typeof start?.['image'] === 'string' && <img class="wa-navitem-img" src={imageSrc(start['image'])} alt={text(start['alt-text'])} />}
                <span class="wa-navitem-main">
                  {badge !== '' && <span class="wa-badge">{badge}</span>}
                  <span class="wa-option-title">{o.title}</span>
                  {o.description !== undefined && <span class="wa-option-desc">{o.description}</span>}
                  {o.metadata !== undefined && <span class="wa-option-meta">{o.metadata}</span>}
                </span>
                {end !== undefined && (
                  <span class="wa-navitem-end">
                    <span>{text(end['title'])}</span>
                    <span class="wa-option-desc">{text(end['description'])}</span>
                  </span>
                )}
                <span class="wa-chevron">›</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Components({ views, ctx }: { views: readonly ComponentView[]; ctx: RenderContext }) {
  return (
    <>
      {views.map((v) => (
        <Component key={v.pointer} view={v} ctx={ctx} />
      ))}
    </>
  );
}

export function Component({ view, ctx }: { view: ComponentView; ctx: RenderContext }) {
  if (!view.visible) return null;
  const field = { view, driver: ctx.driver, version: ctx.version };
  switch (view.type) {
    case 'Form':
      return (
        <form class="wa-form" onSubmit={(e) => e.preventDefault()}>
          <Components views={view.children ?? []} ctx={ctx} />
        </form>
      );
    case 'TextHeading':
    case 'TextSubheading':
    case 'TextBody':
    case 'TextCaption':
      return <TextBlock view={view} />;
    case 'RichText': {
      const raw = view.props['text'];
      return <RichText text={Array.isArray(raw) ? raw.map(text) : text(raw)} />;
    }
    case 'Image':
      return <Image view={view} />;
    case 'ImageCarousel':
      return <Carousel view={view} />;
    case 'TextInput':
    case 'TextArea':
      return <TextField {...field} />;
    case 'Dropdown':
      return <Dropdown {...field} />;
    case 'RadioButtonsGroup':
    case 'CheckboxGroup':
      return <ChoiceList {...field} />;
    case 'ChipsSelector':
      return <Chips {...field} />;
    case 'DatePicker':
    case 'CalendarPicker':
      return <DateField {...field} />;
    case 'OptIn':
      return <OptIn {...field} readMore={ctx.source !== undefined && pointerGet(ctx.source, `${view.pointer}/on-click-action`) !== undefined} />;
    case 'PhotoPicker':
    case 'DocumentPicker':
      return <MediaPicker {...field} {...(ctx.media?.[view.name ?? ''] === undefined ? {} : { media: ctx.media[view.name ?? ''] })} />;
    case 'EmbeddedLink':
      return (
        <button type="button" class="wa-linkbtn wa-embedded" disabled={!view.enabled} onClick={() => ctx.driver.activate(view.pointer)}>
          {text(view.props['text'])}
        </button>
      );
    case 'NavigationList':
      return <NavigationList view={view} driver={ctx.driver} />;
    default:
      return <div class="wa-unknown">{`${view.type} is not drawn by the emulator`}</div>;
  }
}
