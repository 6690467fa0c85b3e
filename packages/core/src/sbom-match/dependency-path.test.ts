import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DependencyPaths } from './dependency-path.ts';

const node = (id: number, name: string) => ({ id, bom_ref: name, name, version: '1.0.0' });

test('the shortest path from the root is chosen, root first', () => {
  const paths = new DependencyPaths({
    inventory_id: 1,
    root_ref: 'app',
    nodes: [node(1, 'app'), node(2, 'a'), node(3, 'b'), node(4, 'c')],
    edges: [
      { from_id: 1, to_id: 2 },
      { from_id: 2, to_id: 3 },
      { from_id: 3, to_id: 4 },
      { from_id: 1, to_id: 4 },
    ],
  });
  assert.deepEqual(paths.pathTo(4), ['app@1.0.0', 'c@1.0.0']);
  assert.deepEqual(paths.pathTo(3), ['app@1.0.0', 'a@1.0.0', 'b@1.0.0']);
});

test('a component only a cycle reaches is its own path', () => {
  const paths = new DependencyPaths({
    inventory_id: 1,
    root_ref: null,
    nodes: [node(1, 'a'), node(2, 'b')],
    edges: [
      { from_id: 1, to_id: 2 },
      { from_id: 2, to_id: 1 },
    ],
  });
  assert.deepEqual(paths.pathTo(2), ['b@1.0.0']);
});
