import type { Expr } from './ast.js';

/** Visits every expression node, parents first. */
export function walkExpr(node: Expr, visit: (node: Expr) => void): void {
  visit(node);
  switch (node.kind) {
    case 'unary':
      walkExpr(node.operand, visit);
      break;
    case 'binary':
      walkExpr(node.left, visit);
      walkExpr(node.right, visit);
      break;
    case 'concat':
      for (const part of node.parts) walkExpr(part, visit);
      break;
    case 'group':
      walkExpr(node.expression, visit);
      break;
    default:
      break;
  }
}
