import { describe, expect, it } from 'vitest';
import { notificationSettings } from '../src/commands/server.js';
import type { CliIo } from '../src/io.js';

function io(env: Record<string, string> = {}): CliIo {
  return { env, cwd: '/work' } as unknown as CliIo;
}

describe('rampart server: notification settings', () => {
  it('refuses private webhook targets and checks SLA breaches hourly by default', () => {
    expect(notificationSettings(io(), {})).toEqual({
      webhookAllowPrivate: false,
      slaCheckIntervalMs: 3_600_000,
    });
  });

  it('takes flags before environment variables', () => {
    expect(notificationSettings(io({ RAMPART_WEBHOOK_ALLOW_PRIVATE: '1' }), {}).webhookAllowPrivate).toBe(
      true,
    );
    expect(notificationSettings(io({ RAMPART_WEBHOOK_ALLOW_PRIVATE: '0' }), {}).webhookAllowPrivate).toBe(
      false,
    );
    expect(notificationSettings(io(), { webhookAllowPrivate: true }).webhookAllowPrivate).toBe(true);
    expect(
      notificationSettings(io({ RAMPART_SLA_CHECK_INTERVAL: '5' }), { slaCheckInterval: '0' })
        .slaCheckIntervalMs,
    ).toBe(0);
    expect(notificationSettings(io({ RAMPART_SLA_CHECK_INTERVAL: '15' }), {}).slaCheckIntervalMs).toBe(
      900_000,
    );
  });

  it('refuses values it cannot read', () => {
    expect(() => notificationSettings(io({ RAMPART_WEBHOOK_ALLOW_PRIVATE: 'yes' }), {})).toThrow(/1 or 0/);
    expect(() => notificationSettings(io(), { slaCheckInterval: '-1' })).toThrow(/minutes/);
    expect(() => notificationSettings(io(), { slaCheckInterval: '20000' })).toThrow(/minutes/);
  });
});
