import { OperationTypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readsOnly } from './reads-only.ts';

/** The plugin's listener for one request, its operation of the given type. */
async function marked(operation: OperationTypeNode | undefined): Promise<boolean> {
  let said = false;
  const plugin = readsOnly();
  const listener = await plugin.requestDidStart?.({} as never);
  const rc = {
    operation: operation === undefined ? undefined : { operation },
    contextValue: { loaders: { readsOnly: () => (said = true) } },
  };
  await listener?.didResolveOperation?.(rc as never);
  return said;
}

describe('readsOnly', () => {
  it('marks a query’s loaders as reading only', async () => {
    expect(await marked(OperationTypeNode.QUERY)).toBe(true);
  });

  it('leaves a mutation’s reads kind by kind, after its writes', async () => {
    expect(await marked(OperationTypeNode.MUTATION)).toBe(false);
    expect(await marked(OperationTypeNode.SUBSCRIPTION)).toBe(false);
    expect(await marked(undefined)).toBe(false);
  });
});
