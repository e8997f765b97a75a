// The editor, loaded on first use: CodeMirror is ~440 KB of the bundle (~140 KB gzipped), more
// than the rest of the app, and the inbox and dashboard pages never need it. Until the chunk has
// arrived the builder shows the text read-only; the handle starts working once the editor exists.
import { useEffect, useState } from 'preact/hooks';
import type * as EditorNs from './Editor.js';
import type { EditorProps } from './Editor.js';

type EditorModule = typeof EditorNs;

let loaded: EditorModule | undefined;
let loading: Promise<EditorModule> | undefined;

function load(): Promise<EditorModule> {
  loading ??= import('./Editor.js').then((m) => (loaded = m));
  return loading;
}

export function LazyEditor(props: EditorProps) {
  const [mod, setMod] = useState<EditorModule | undefined>(loaded);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (mod !== undefined) return;
    let live = true;
    load().then(
      (m) => live && setMod(m),
      (error: unknown) => live && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [mod]);
  if (mod !== undefined) return <mod.Editor {...props} />;
  return (
    <div class="ed ed-loading" data-testid="editor-loading" aria-busy={failed === undefined}>
      <pre>{failed === undefined ? props.text : `The editor did not load: ${failed}`}</pre>
    </div>
  );
}
