// The On-Premise sunset warning: given to onWarning on every On-Premise client created, with the
// spec's dates; otherwise sent once per process through Node's warning channel (never under
// NODE_ENV=test); never for the Cloud API, the Partner API or Graph.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../errors.js';
import { createClient } from './create.js';
import type { ClientWarning } from './warnings.js';
import { onPremiseSunsetWarning } from './warnings.js';

const KEY = 'sbx_onprem_key_0123456789';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('onWarning', () => {
  it('receives the sunset, with the dates, each time an On-Premise client is created', () => {
    const seen: ClientWarning[] = [];
    const onWarning = (w: ClientWarning) => seen.push(w);
    createClient({ apiKey: KEY, hostingType: 'on-premise', onWarning });
    createClient({ apiKey: KEY, hostingType: 'on-premise', onWarning });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.code).toBe('ON_PREMISE_SUNSET');
    expect(seen[0]?.message).toContain('360dialog stopped onboarding On-Premise numbers on 2024-05-15');
    expect(seen[0]?.message).toMatch(/Meta (ends|ended) On-Premise support in October 2025/);
    expect(seen[0]?.message).toContain("hostingType 'cloud'");
    expect(seen[0]?.message).not.toContain(KEY);
  });

  it('is not called for the Cloud API, the Partner API or Graph', () => {
    const onWarning = vi.fn();
    createClient({ apiKey: KEY, onWarning });
    createClient({ apiKey: KEY, hostingType: 'cloud', partner: { partnerId: 'abcPA', wabaAccountId: 'w1', apiKey: 'p_key_0123456789' }, onWarning });
    createClient({ provider: '360dialog-partner', partnerId: 'abcPA', wabaAccountId: 'w1', apiKey: 'p_key_0123456789', onWarning });
    createClient({ accessToken: 'EAAG0123456789', wabaId: '1', phoneNumberId: '2', onWarning });
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('must be a function', () => {
    const bad = (() => createClient({ apiKey: KEY, onWarning: 'loud' as unknown as () => void })) as () => unknown;
    expect(bad).toThrow(ApiClientError);
    expect(bad).toThrow(/onWarning must be a function/);
  });

  it('says "ends" before November 2025 and "ended" from then', () => {
    expect(onPremiseSunsetWarning(new Date('2025-06-01T00:00:00Z')).message).toContain('Meta ends On-Premise support in October 2025');
    expect(onPremiseSunsetWarning(new Date('2025-11-01T00:00:00Z')).message).toContain('Meta ended On-Premise support in October 2025');
  });
});

describe('the default channel', () => {
  it('stays quiet under NODE_ENV=test, then warns once per process through process.emitWarning', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    vi.stubEnv('NODE_ENV', 'test');
    createClient({ apiKey: KEY, hostingType: 'on-premise' });
    expect(emit).not.toHaveBeenCalled();

    vi.stubEnv('NODE_ENV', 'production');
    createClient({ apiKey: KEY, hostingType: 'on-premise' });
    createClient({ apiKey: KEY, hostingType: 'on-premise' });
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith(expect.stringContaining('2024-05-15'), { type: 'WaflowWarning', code: 'WAFLOW_ON_PREMISE_SUNSET' });
  });
});
