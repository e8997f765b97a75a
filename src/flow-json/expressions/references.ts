import type { AstNode, Expr, ReferenceNode, Scope } from './ast.js';

/** A `${...}` reference as a plain value: what it points at and where it is written. */
export interface Reference {
  readonly scope: Scope;
  /** Set for global references `${screen.<id>.(data|form)...}`. */
  readonly screen?: string;
  readonly path: readonly (string | number)[];
  readonly start: number;
  readonly end: number;
}

export function toReference(node: ReferenceNode): Reference {
  return {
    scope: node.scope,
    ...(node.screen === undefined ? {} : { screen: node.screen }),
    path: node.path.map((s) => s.key),
    start: node.start,
    end: node.end,
  };
}

/** The reference nodes of a parsed value, in source order. */
export function referenceNodes(ast: AstNode): ReferenceNode[] {
  const out: ReferenceNode[] = [];
  switch (ast.kind) {
    case 'static':
      break;
    case 'template':
      for (const part of ast.parts) if (part.kind === 'reference') out.push(part);
      break;
    case 'expression':
      collect(ast.expression, out);
      break;
    default:
      collect(ast, out);
  }
  if (out.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

/** Appends the references under an expression, parents first (as walkExpr visits them). */
function collect(node: Expr, out: ReferenceNode[]): void {
  switch (node.kind) {
    case 'reference':
      out.push(node);
      break;
    case 'unary':
      collect(node.operand, out);
      break;
    case 'binary':
      collect(node.left, out);
      collect(node.right, out);
      break;
    case 'concat':
      for (const part of node.parts) collect(part, out);
      break;
    case 'group':
      collect(node.expression, out);
      break;
    default:
      break;
  }
}

/** Every `${...}` a parsed value reads, in source order. */
export function collectReferences(ast: AstNode): Reference[] {
  return referenceNodes(ast).map(toReference);
}

/** `${data.a.b}` / `${screen.S.form.x}` text for a reference, for messages. */
export function formatReference(ref: Pick<Reference, 'scope' | 'screen' | 'path'>): string {
  const head = ref.screen === undefined ? ref.scope : `screen.${ref.screen}.${ref.scope}`;
  return `\${${head}${ref.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}}`;
}
