/**
 * What leaves the record store for people: NIKs and phone numbers masked wherever they sit.
 */
import { describe, expect, it } from 'vitest';
import { recordView } from '../../src/store/record-view.js';
import { materialise } from '../../src/store/records.js';

const record = materialise(
  {
    type: 'registration',
    prefix: 'BPU',
    status: 'registered',
    conversation: {
      channel: 'whatsapp',
      conversationId: '6281234567890@s.whatsapp.net',
      userId: '6281234567890',
    },
    idempotencyKey: 'bpu-registration:form-1',
    uniqueKeys: ['nik:abc'],
    data: {
      nik: '3171014101900001',
      phone: '+6281234567890',
      income: 2_000_000,
      payer: { name: 'Budi', phone: '+6285711112222' },
      note: 'KPJ 12345678901 called from 081299998888',
    },
    note: 'changed for NIK 3171014101900001',
  },
  'BPU-20261121-7KQ2XM',
  new Date('2026-11-21T03:00:00Z'),
);

describe('recordView', () => {
  it('masks NIKs and phone numbers by key, nested, and other personal numbers by pattern', () => {
    const view = recordView(record);
    expect(view.data).toEqual({
      nik: '************0001',
      phone: '+62812****7890',
      income: 2_000_000,
      payer: { name: 'Budi', phone: '+62857****2222' },
      note: 'KPJ *******8901 called from 081******888',
    });
    expect(view.conversation.conversationId).not.toContain('81234567890');
    expect(view.conversation.userId).not.toContain('81234567890');
    expect(JSON.stringify(view)).not.toContain('3171014101900001');
    expect(JSON.stringify(view)).not.toContain('idempotencyKey');
    expect(JSON.stringify(view)).not.toContain('nik:abc');
  });

  it('keeps everything in clear with reveal', () => {
    const view = recordView(record, { reveal: true });
    expect(view.data.nik).toBe('3171014101900001');
    expect(view.conversation.userId).toBe('6281234567890');
    expect(view.history[0]?.note).toBe('changed for NIK 3171014101900001');
  });
});
