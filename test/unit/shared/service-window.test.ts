import { describe, expect, it } from 'vitest';
import { SERVICE_WINDOW_MS, serviceWindow } from '../../../shared/window/service-window';

const inbound = Date.UTC(2026, 2, 12, 9, 0, 0);
const HOUR = 60 * 60 * 1000;

describe('serviceWindow', () => {
  it('lasts exactly 24 hours', () => {
    expect(SERVICE_WINDOW_MS).toBe(24 * HOUR);
  });

  it.each([
    ['never wrote', null, inbound, { open: false, expiresAt: null, msLeft: 0 }],
    ['just wrote', inbound, inbound, { open: true, expiresAt: inbound + 24 * HOUR, msLeft: 24 * HOUR }],
    ['wrote 23 h ago', inbound, inbound + 23 * HOUR, { open: true, expiresAt: inbound + 24 * HOUR, msLeft: HOUR }],
    ['1 ms before the end', inbound, inbound + 24 * HOUR - 1, { open: true, expiresAt: inbound + 24 * HOUR, msLeft: 1 }],
    ['exactly 24 h later', inbound, inbound + 24 * HOUR, { open: false, expiresAt: inbound + 24 * HOUR, msLeft: 0 }],
    ['three days later', inbound, inbound + 72 * HOUR, { open: false, expiresAt: inbound + 24 * HOUR, msLeft: 0 }],
    ['clock behind the inbound time', inbound, inbound - HOUR, { open: true, expiresAt: inbound + 24 * HOUR, msLeft: 25 * HOUR }],
  ] as const)('%s', (_label, last, now, expected) => {
    expect(serviceWindow(last, now)).toEqual(expected);
  });

  it('a newer inbound message re-opens a closed window', () => {
    const now = inbound + 30 * HOUR;
    expect(serviceWindow(inbound, now).open).toBe(false);
    expect(serviceWindow(inbound + 29 * HOUR, now)).toEqual({ open: true, expiresAt: inbound + 53 * HOUR, msLeft: 23 * HOUR });
  });
});
