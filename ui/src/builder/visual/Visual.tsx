// The builder's visual mode: the screens as a list and as a routing graph, the selected screen's
// components as a tree to drop into and reorder, a palette of the version's components and a
// property panel from the catalogue. It holds no document of its own: every change is a minimal
// edit of the same JSON text the code editor shows (json-text.ts), so the two modes stay in step
// and the author's formatting survives.
import { useMemo, useState } from 'preact/hooks';
import { componentSpecsFor, getComponentSpec, inRange, maxPerScreen, routingGraph } from '../../../../src/flow-json/index.js';
import type { FlowJsonVersion } from '../../../../src/flow-json/index.js';
import { ComponentTree } from './ComponentTree.js';
import type { TreeActions } from './ComponentTree.js';
import type { Dragged } from './drag.js';
import { insertElement, moveElement, openJson, removeElement, removeMember, setMember } from './json-text.js';
import { allLists, countOf, defaultTarget, findNode, pathOf, placeholderContext, pointerOf, record, screenTree, valueAt, versionOf } from './model.js';
import type { ComponentList, Path } from './model.js';
import { Palette } from './Palette.js';
import { newComponent, placeholderProblem } from './placeholders.js';
import { PropertyPanel } from './PropertyPanel.js';
import { RoutingGraph } from './RoutingGraph.js';
import { ScreenList } from './ScreenList.js';
import type { ScreenItem } from './ScreenList.js';
import './visual.css';

export interface VisualProps {
  readonly text: string;
  /** The version the builder is set to; undefined: as written in the document. */
  readonly version: FlowJsonVersion | undefined;
  readonly onChange: (text: string) => void;
  /** A screen was picked (the builder previews it). */
  readonly onScreen?: (id: string) => void;
}

/** "at position 2 of Form children", "at position 5 of the screen's children". */
const describeList = (list: ComponentList, index: number, root: unknown): string => {
  if (list.path.length <= 4) return `at position ${index + 1} of the screen's children`;
  const owner = record(valueAt(root, list.path.slice(0, list.label.includes('›') ? -2 : -1)))?.['type'];
  return `at position ${index + 1} of ${String(owner)} ${list.label}`;
};

/**
 * The screen and component last picked: switching to Code mode and back (which unmounts this
 * view) comes back to them. A pick that no longer exists in the text is simply not shown.
 */
const remembered: { screen: number; selected: Path | undefined } = { screen: 0, selected: undefined };

export function Visual({ text, version: override, onChange, onScreen }: VisualProps) {
  const editor = useMemo(() => openJson(text), [text]);
  const root = editor?.parsed.value;
  const version = versionOf(root, override);
  const graph = useMemo(() => routingGraph(root), [root]);
  const [screenIndex, setScreen] = useState(remembered.screen);
  const [selected, setSelection] = useState<Path | undefined>(remembered.selected);
  const setScreenIndex = (index: number): void => {
    remembered.screen = index;
    setScreen(index);
  };
  const setSelected = (path: Path | undefined): void => {
    remembered.selected = path;
    setSelection(path);
  };
  const [status, setStatus] = useState('');

  const screensValue = valueAt(root, ['screens']);
  const rawScreens = Array.isArray(screensValue) ? screensValue : [];
  const screen = Math.min(screenIndex, Math.max(0, rawScreens.length - 1));
  const tree = useMemo(() => (root === undefined ? undefined : screenTree(root, screen, version)), [root, screen, version]);
  const screens: ScreenItem[] = rawScreens.map((s, index) => {
    const r = record(s);
    const t = screenTree(root, index, version);
    return { index, id: typeof r?.['id'] === 'string' ? r['id'] : `#${index + 1}`, title: typeof r?.['title'] === 'string' ? r['title'] : undefined, components: t ? t.items.length : 0 };
  });
  const specs = useMemo(() => componentSpecsFor(version), [version]);
  const selectedNode = tree !== undefined && selected !== undefined ? findNode(tree, selected) : undefined;
  const current = selectedNode === undefined ? undefined : selected;

  if (editor === undefined || root === undefined) {
    return (
      <div class="vis vis-broken" data-testid="visual">
        <p role="status">The JSON has syntax problems (see the list below): fix them in Code mode, then come back to the visual editor.</p>
      </div>
    );
  }

  const commit = (next: string | undefined, done: string): boolean => {
    if (next === undefined) {
      setStatus('That change could not be written into this JSON text.');
      return false;
    }
    setStatus(done);
    onChange(next);
    return true;
  };

  const pickScreen = (index: number): void => {
    setScreenIndex(index);
    setSelected(undefined);
    const id = screens[index]?.id;
    if (id !== undefined) onScreen?.(id);
  };

  // One context for every palette item's check (it walks the whole flow).
  let context: ReturnType<typeof placeholderContext> | undefined;
  const blocked = (type: string): string | undefined => {
    const spec = getComponentSpec(type);
    if (spec === undefined || tree === undefined) return 'Not in this version.';
    const s = record(rawScreens[screen]);
    if (spec.notOnTerminalScreen === true && s?.['terminal'] === true) return 'Not on a terminal screen.';
    const max = maxPerScreen(spec, version);
    if (max !== undefined && countOf(tree, type) >= max) return `At most ${max} per screen.`;
    if (spec.maxPerFlow !== undefined && screens.reduce((n, _, i) => n + countOf(screenTree(root, i, version)!, type), 0) >= spec.maxPerFlow) return `At most ${spec.maxPerFlow} per flow.`;
    if (!inRange(version, spec.versions)) return 'Not in this version.';
    if (defaultTarget(tree, current, type) === undefined) return 'Not allowed here.';
    return placeholderProblem(spec, (context ??= placeholderContext(root, screen, version)));
  };

  const add = (type: string, list: ComponentList, index: number): void => {
    const spec = getComponentSpec(type);
    if (spec === undefined) return;
    const value = newComponent(spec, placeholderContext(root, screen, version));
    if (commit(insertElement(text, pointerOf(list.path), index, value), `Added ${type} ${describeList(list, index, root)}.`)) setSelected([...list.path, index]);
  };

  const move = (path: Path, list: ComponentList, index: number): void => {
    const from = path.at(-1);
    if (typeof from !== 'number') return;
    const moved = moveElement(text, pointerOf(path.slice(0, -1)), from, pointerOf(list.path), index);
    if (moved === undefined) return void setStatus('A component cannot go inside itself.');
    if (moved.text === text) return;
    const type = String(record(valueAt(root, path))?.['type'] ?? 'component');
    if (commit(moved.text, `Moved ${type}.`)) setSelected(pathOf(openJson(moved.text)?.parsed.value, moved.pointer));
  };

  const actions: TreeActions = {
    selected: current,
    onSelect: (path) => setSelected(path),
    onDrop: (what: Dragged, list, index) => (what.kind === 'add' ? add(what.type, list, index) : move(what.path, list, index)),
    onMove: (path, delta) => {
      const i = path.at(-1);
      const parent = path.slice(0, -1);
      if (typeof i !== 'number' || tree === undefined) return;
      const list = allLists(tree).find((l) => pointerOf(l.path) === pointerOf(parent));
      if (list) move(path, list, delta < 0 ? i - 1 : i + 2);
    },
    onRemove: (path) => {
      const i = path.at(-1);
      if (typeof i !== 'number') return;
      const type = String(record(valueAt(root, path))?.['type'] ?? 'component');
      if (commit(removeElement(text, pointerOf(path.slice(0, -1)), i), `Removed ${type}.`)) setSelected(undefined);
    },
  };

  const addByButton = (type: string): void => {
    const target = tree === undefined ? undefined : defaultTarget(tree, current, type);
    if (target) add(type, target.list, target.index);
  };
  const where = ((): string => {
    if (current === undefined || selectedNode === undefined) return 'at the end of this screen (inside its Form for inputs)';
    return selectedNode.lists.length > 0 ? `inside the selected ${selectedNode.type}` : `after the selected ${selectedNode.type}`;
  })();

  const panelPath: Path = current ?? ['screens', screen];
  return (
    <div class="vis" data-testid="visual">
      <div class="vis-top">
        <ScreenList screens={screens} graph={graph} selected={screen} onSelect={pickScreen} />
        <RoutingGraph graph={graph} selected={screens[screen]?.id} onSelect={(id) => pickScreen(Math.max(0, screens.findIndex((s) => s.id === id)))} />
      </div>
      <div class="vis-main">
        <Palette specs={specs} version={version} blocked={blocked} where={where} onAdd={addByButton} />
        <section class="vis-canvas" aria-label={`Components of screen ${screens[screen]?.id ?? ''}`} data-testid="canvas">
          <h3 class="vis-h">
            {screens[screen]?.id ?? 'No screen'} <small>{screens[screen]?.title ?? ''}</small>
            {current !== undefined && (
              <button type="button" class="vis-deselect" data-testid="select-screen" onClick={() => setSelected(undefined)}>
                Screen properties
              </button>
            )}
          </h3>
          {tree === undefined ? <p class="vis-empty">This screen has no layout children list: add one in Code mode.</p> : <ComponentTree list={tree} actions={actions} />}
        </section>
        <PropertyPanel
          root={root}
          path={panelPath}
          version={version}
          onSet={(pointer, key, value, after) => (commit(setMember(text, pointer, key, value, after), `Set ${key}.`) ? undefined : 'Could not write it into the JSON text.')}
          onRemove={(pointer, key) => void commit(removeMember(text, pointer, key), `Removed ${key}.`)}
        />
      </div>
      <p class="vis-status" role="status" aria-live="polite" data-testid="visual-status">
        {status}
      </p>
    </div>
  );
}
