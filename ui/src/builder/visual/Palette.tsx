// The components of the document's version, from the catalogue, grouped by kind and filtered by
// what is typed in the box. Each one is dragged onto the screen's tree, or added with its button
// (the keyboard way) where the tree's selection says; one that cannot go on this screen says why.
import { useState } from 'preact/hooks';
import type { ComponentCategory, ComponentSpec } from '../../../../src/flow-json/index.js';
import { startDrag } from './drag.js';

const CATEGORY_NAMES: Readonly<Record<ComponentCategory, string>> = {
  text: 'Text',
  input: 'Inputs',
  selection: 'Selection',
  media: 'Media',
  navigation: 'Navigation',
  action: 'Actions',
  container: 'Containers',
  conditional: 'Conditions',
  layout: 'Layout',
};
const ORDER = Object.keys(CATEGORY_NAMES) as ComponentCategory[];

export interface PaletteProps {
  readonly specs: readonly ComponentSpec[];
  readonly version: string;
  /** Why a type cannot be added to this screen, or undefined when it can. */
  readonly blocked: (type: string) => string | undefined;
  /** Where "Add" puts it, in words ("after TextInput first_name"). */
  readonly where: string;
  readonly onAdd: (type: string) => void;
}

export function Palette({ specs, version, blocked, where, onAdd }: PaletteProps) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = specs.filter((s) => needle === '' || s.type.toLowerCase().includes(needle) || s.description.toLowerCase().includes(needle) || s.category.includes(needle));
  return (
    <section class="vis-palette" aria-label="Component palette" data-testid="palette">
      <h3 class="vis-h">Components <small>Flow JSON {version}</small></h3>
      <input type="search" class="vis-filter" placeholder="Filter components" aria-label="Filter components" data-testid="palette-filter" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
      <p class="vis-where" id="palette-where">
        Add puts it {where}.
      </p>
      {shown.length === 0 && <p class="vis-empty">No component matches “{filter}”.</p>}
      {ORDER.map((category) => {
        const group = shown.filter((s) => s.category === category);
        if (group.length === 0) return null;
        return (
          <div key={category} class="vis-group">
            <h4>{CATEGORY_NAMES[category]}</h4>
            <ul>
              {group.map((spec) => {
                const reason = blocked(spec.type);
                return (
                  <li
                    key={spec.type}
                    class={`vis-pal-item${reason === undefined ? '' : ' is-blocked'}`}
                    draggable={reason === undefined}
                    data-testid={`palette-${spec.type}`}
                    title={reason ?? spec.description}
                    onDragStart={(e) => startDrag(e, { kind: 'add', type: spec.type })}
                  >
                    <span class="vis-pal-name">{spec.type}</span>
                    <button type="button" class="vis-pal-add" disabled={reason !== undefined} aria-describedby="palette-where" aria-label={`Add ${spec.type}`} data-testid={`add-${spec.type}`} onClick={() => onAdd(spec.type)}>
                      Add
                    </button>
                    {reason !== undefined && <span class="vis-pal-why">{reason}</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
