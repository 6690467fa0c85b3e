import type { InventoryGraphRow } from '@vigil/db';

type Node = InventoryGraphRow['nodes'][number];

/**
 * The shortest dependency paths from an inventory's roots (the SBOM's root component, and every
 * component nothing depends on) to each component: one breadth-first walk over the edges, so a
 * finding can show which dependency pulls the vulnerable component in.
 */
export class DependencyPaths {
  private readonly parent = new Map<number, number | null>();
  private readonly nodes = new Map<number, Node>();

  constructor(graph: InventoryGraphRow) {
    const children = new Map<number, number[]>();
    const hasParent = new Set<number>();
    for (const node of graph.nodes) this.nodes.set(node.id, node);
    for (const edge of graph.edges) {
      const list = children.get(edge.from_id);
      if (list) list.push(edge.to_id);
      else children.set(edge.from_id, [edge.to_id]);
      if (edge.from_id !== edge.to_id) hasParent.add(edge.to_id);
    }
    const queue: number[] = [];
    const root = graph.nodes.find((n) => n.bom_ref === graph.root_ref);
    if (root) queue.push(root.id);
    for (const node of graph.nodes) if (!hasParent.has(node.id) && node !== root) queue.push(node.id);
    for (const id of queue) this.parent.set(id, null);
    for (let at = 0; at < queue.length; at++) {
      for (const child of children.get(queue[at]) ?? []) {
        if (this.parent.has(child)) continue;
        this.parent.set(child, queue[at]);
        queue.push(child);
      }
    }
  }

  /** Root first, the component last; just the component when no root reaches it (a dependency cycle). */
  pathTo(componentId: number): string[] {
    const path: string[] = [];
    let at: number | null | undefined = componentId;
    while (at !== null && at !== undefined && path.length <= this.nodes.size) {
      const node = this.nodes.get(at);
      if (node) path.push(node.version ? `${node.name}@${node.version}` : node.name);
      at = this.parent.get(at);
    }
    return path.reverse();
  }
}
