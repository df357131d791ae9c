import { describe, expect, it } from 'vitest';
import { notificationSettings, slaSettings } from '../src/commands/server.js';
import type { CliIo } from '../src/io.js';

function io(env: Record<string, string> = {}): CliIo {
  return { env, cwd: '/work' } as unknown as CliIo;
}

describe('rampart server: notification settings', () => {
  it('refuses private webhook targets and checks SLA breaches hourly by default', () => {
    expect(notificationSettings(io(), {})).toEqual({
      webhookAllowPrivate: false,
      slaCheckIntervalMs: 3_600_000,
      webhookDelivery: { keepMs: 30 * 86_400_000 },
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
    expect(notificationSettings(io({ RAMPART_WEBHOOK_LOG_DAYS: '7' }), {}).webhookDelivery).toEqual({
      keepMs: 7 * 86_400_000,
    });
    expect(
      notificationSettings(io({ RAMPART_WEBHOOK_LOG_DAYS: '7' }), { webhookLogDays: '0' }).webhookDelivery,
    ).toEqual({ keepMs: 0 });
  });

  it('refuses values it cannot read', () => {
    expect(() => notificationSettings(io({ RAMPART_WEBHOOK_ALLOW_PRIVATE: 'yes' }), {})).toThrow(/1 or 0/);
    expect(() => notificationSettings(io(), { slaCheckInterval: '-1' })).toThrow(/minutes/);
    expect(() => notificationSettings(io(), { slaCheckInterval: '20000' })).toThrow(/minutes/);
    expect(() => notificationSettings(io(), { webhookLogDays: '-1' })).toThrow(/days from 0/);
    expect(() => notificationSettings(io({ RAMPART_WEBHOOK_LOG_DAYS: '1e3' }), {})).toThrow(/days from 0/);
    expect(() => notificationSettings(io(), { webhookLogDays: '5000' })).toThrow(/days from 0/);
  });
});

describe('rampart server: SLA policy', () => {
  it('reads days per severity from --sla-days, else RAMPART_SLA_DAYS', () => {
    expect(slaSettings(io(), {})).toEqual({});
    expect(slaSettings(io({ RAMPART_SLA_DAYS: 'critical=3, high=14' }), {})).toEqual({
      slaPolicy: { critical: 3, high: 14 },
    });
    expect(slaSettings(io({ RAMPART_SLA_DAYS: 'critical=3' }), { slaDays: 'low=365' })).toEqual({
      slaPolicy: { low: 365 },
    });
    expect(notificationSettings(io(), { slaDays: 'medium=60' }).slaPolicy).toEqual({ medium: 60 });
  });

  it('refuses unknown severities, zero, too many days and repeats', () => {
    for (const bad of ['info=3', 'critical=0', 'high=3651', 'critical=3,critical=4', 'critical', 'high=x'])
      expect(() => slaSettings(io(), { slaDays: bad }), bad).toThrow(/SLA/);
  });
});
