// SPDX licence expressions through spdx-expression-parse 5.0.0 (pinned): an expression is kept in
// canonical spacing with the ids it names, so a licence policy can later ask "does any component
// name GPL-3.0-only" without parsing strings again.
import parseSpdxExpression from 'spdx-expression-parse';
import type { ComponentLicense } from './inventory.ts';

type Node = parseSpdxExpression.Info;

function isConjunction(node: Node): node is parseSpdxExpression.ConjunctionInfo {
  return 'conjunction' in node;
}

function render(node: Node, parent: 'and' | 'or' | null, ids: string[]): string {
  if (!isConjunction(node)) {
    ids.push(node.license);
    const base = `${node.license}${node.plus ? '+' : ''}`;
    return node.exception ? `${base} WITH ${node.exception}` : base;
  }
  const text = `${render(node.left, node.conjunction, ids)} ${node.conjunction.toUpperCase()} ${render(
    node.right,
    node.conjunction,
    ids,
  )}`;
  // AND binds tighter than OR: an OR inside an AND needs its parentheses, the rest reads the same without.
  return parent === 'and' && node.conjunction === 'or' ? `(${text})` : text;
}

/** The parsed expression, or undefined when it is not a valid SPDX expression. */
export function parseLicenseExpression(text: string): { expression: string; ids: string[] } | undefined {
  let tree: Node;
  try {
    tree = parseSpdxExpression(text.trim());
  } catch {
    return undefined;
  }
  const ids: string[] = [];
  const expression = render(tree, null, ids);
  return { expression, ids: [...new Set(ids)] };
}

type Acknowledgement = ComponentLicense['acknowledgement'];

/**
 * A licence from an SPDX expression; an expression that does not parse is kept as its name, so
 * nothing the SBOM says is lost and nothing unparsed passes for an SPDX expression.
 */
export function licenseFromExpression(text: string, acknowledgement: Acknowledgement): ComponentLicense {
  const parsed = parseLicenseExpression(text);
  if (parsed === undefined) return { expression: null, ids: [], name: text, acknowledgement };
  return { expression: parsed.expression, ids: parsed.ids, name: null, acknowledgement };
}

/** A licence named by an SPDX id (checked by the schema) or by a free-text name. */
export function licenseFromIdOrName(
  id: string | undefined,
  name: string | undefined,
  acknowledgement: Acknowledgement,
): ComponentLicense {
  if (id !== undefined) return licenseFromExpression(id, acknowledgement);
  return { expression: null, ids: [], name: name ?? '', acknowledgement };
}
