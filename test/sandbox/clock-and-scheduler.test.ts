import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../server/sandbox/scheduler';
import { createVirtualClock } from '../../server/sandbox/virtual-clock';

const frozen = () => {
  let real = 1_000_000;
  const clock = createVirtualClock({ realNow: () => real });
  return { clock, tick: (ms: number) => (real += ms) };
};

describe('virtual clock', () => {
  it('is real time plus an offset that advance() grows', () => {
    const { clock, tick } = frozen();
    expect(clock.now()).toBe(1_000_000);
    tick(5);
    clock.advance(24 * 3600_000);
    expect(clock.offsetMs).toBe(24 * 3600_000);
    expect(clock.now()).toBe(1_000_005 + 24 * 3600_000);
  });

  it('never goes backwards and tells subscribers about advances', () => {
    const { clock } = frozen();
    const seen: number[] = [];
    const off = clock.onAdvance((ms) => seen.push(ms));
    clock.advance(10);
    off();
    clock.advance(20);
    expect(seen).toEqual([10]);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});

describe('scheduler', () => {
  it('runs due jobs in due order when asked, including jobs they schedule', () => {
    const { clock } = frozen();
    const s = createScheduler({ clock });
    const ran: string[] = [];
    s.at(clock.now() + 300, () => ran.push('c'));
    s.at(clock.now() + 100, () => {
      ran.push('a');
      s.at(clock.now(), () => ran.push('a2'));
    });
    s.at(clock.now() + 200, () => ran.push('b'));
    s.runDue();
    expect(ran).toEqual([]);
    clock.advance(250);
    s.runDue();
    expect(ran).toEqual(['a', 'b', 'a2']);
    expect(s.pending()).toBe(1);
    s.close();
  });

  it('replaces a job scheduled under the same key, and cancels by key', () => {
    const { clock } = frozen();
    const s = createScheduler({ clock });
    const ran: string[] = [];
    s.at(clock.now() + 10, () => ran.push('old'), 'k');
    s.at(clock.now() + 20, () => ran.push('new'), 'k');
    s.at(clock.now() + 5, () => ran.push('gone'), 'x');
    s.cancel('x');
    clock.advance(100);
    s.runDue();
    expect(ran).toEqual(['new']);
    s.close();
  });

  it('keeps running after a job throws, and reports it', () => {
    const { clock } = frozen();
    const errors: string[] = [];
    const s = createScheduler({ clock, onError: (_e, key) => errors.push(key) });
    const ran: string[] = [];
    s.at(clock.now(), () => {
      throw new Error('boom');
    }, 'bad');
    s.at(clock.now(), () => ran.push('ok'));
    s.runDue();
    expect(errors).toEqual(['bad']);
    expect(ran).toEqual(['ok']);
    s.close();
  });

  it('fires on its own real-time timer, and close() stops everything', async () => {
    const clock = createVirtualClock();
    const s = createScheduler({ clock });
    const fired = await new Promise<boolean>((resolve) => {
      s.at(clock.now() + 5, () => resolve(true));
      setTimeout(() => resolve(false), 2000);
    });
    expect(fired).toBe(true);
    s.at(clock.now() + 1, () => {
      throw new Error('must not run after close');
    });
    s.close();
    expect(s.pending()).toBe(0);
  });
});
