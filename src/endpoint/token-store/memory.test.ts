import { describe } from 'vitest';
import { tokenStoreContract } from './contract.js';
import { createMemoryTokenStore } from './memory.js';

describe('memory token store', () => {
  tokenStoreContract(async () => {
    const clock = { now: 1_700_000_000_000 };
    return { store: createMemoryTokenStore({ now: () => clock.now }), clock };
  });
});
