import { describe, expect, it } from 'vitest';
import { watchSettings } from '../src/commands/server.js';
import type { CliIo } from '../src/io.js';

function io(env: Record<string, string> = {}): CliIo {
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd: '/work',
    columns: 80,
  };
}

describe('rampart server: zero-day watch settings', () => {
  it('is off without an advisory database', async () => {
    expect(await watchSettings(io(), {})).toBeUndefined();
    expect(await watchSettings(io({ RAMPART_WATCH_INTERVAL: '0' }), {})).toBeUndefined();
  });

  it('takes flags over RAMPART_DB / RAMPART_WATCH_INTERVAL, and the mirror of `rampart db update`', async () => {
    expect(await watchSettings(io({ RAMPART_DB: 'osv.db' }), {})).toEqual({
      database: '/work/osv.db',
      intervalMs: 0,
      update: {},
      scheduledUpdate: true,
    });
    expect(
      await watchSettings(
        io({
          RAMPART_DB: 'env.db',
          RAMPART_WATCH_INTERVAL: '1d',
          RAMPART_OSV_MIRROR: 'https://mirror.example',
        }),
        { advisoryDb: '/data/osv.db', watchInterval: '6h' },
      ),
    ).toEqual({
      database: '/data/osv.db',
      intervalMs: 6 * 3_600_000,
      update: { mirror: 'https://mirror.example' },
      scheduledUpdate: true,
    });
    expect(
      await watchSettings(io(), { advisoryDb: 'osv.db', watchInterval: '30m', watchUpdate: false }),
    ).toMatchObject({ intervalMs: 1_800_000, update: {}, scheduledUpdate: false });
  });

  it('refuses bad intervals, too short ones, and a schedule without a database', async () => {
    await expect(watchSettings(io(), { advisoryDb: 'x.db', watchInterval: 'often' })).rejects.toThrow(
      /invalid watch interval/,
    );
    await expect(watchSettings(io(), { advisoryDb: 'x.db', watchInterval: '10s' })).rejects.toThrow(
      /at least 1m/,
    );
    await expect(watchSettings(io(), { watchInterval: '6h' })).rejects.toThrow(/needs an advisory database/);
  });
});
