import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './helpers/harness';
import { PHONE_ID, startHarness, WABA } from './helpers/harness';
import { waitFor } from './helpers/wait-for';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const HOUR = 3600_000;

async function approvedTemplate(name: string): Promise<string> {
  const res = await h.graph('POST', `/${WABA}/message_templates`, {
    name,
    language: 'tr',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Merhaba {{1}}, randevunuz yarın saat onda.', example: { body_text: [['Ayşe']] } }],
  });
  await h.call('POST', `/control/templates/${res.body.id}/review`, { decision: 'approve' });
  return res.body.id;
}
const send = (name: string) =>
  h.graph('POST', `/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to: '905328100011',
    type: 'template',
    template: { name, language: { code: 'tr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ayşe' }] }] },
  });
const updates = (id: string) => h.hooks.values('message_template_status_update').filter((v) => v.message_template_id === Number(id));
const nth = (id: string, n: number) => waitFor(() => updates(id)[n], `status update #${n + 1} for ${id}`);
const status = async (id: string) => (await h.graph('GET', `/${id}?fields=status`)).body.status;
const quality = (id: string, score: string) => h.call('POST', `/control/templates/${id}/quality`, { score });

describe('quality and the pause ladder', () => {
  it('RED pauses 3 h, then 6 h, then disables; each pause ends by itself on the virtual clock', async () => {
    const id = await approvedTemplate('pause_ladder');
    await nth(id, 0); // APPROVED

    await quality(id, 'RED');
    const q = await waitFor(() => h.hooks.values('message_template_quality_update').find((v) => v.message_template_id === Number(id)), 'quality update');
    expect(q).toEqual({ previous_quality_score: 'UNKNOWN', new_quality_score: 'RED', message_template_id: Number(id), message_template_name: 'pause_ladder', message_template_language: 'tr' });
    expect(await nth(id, 1)).toMatchObject({ event: 'PAUSED', reason: 'NONE', other_info: { title: 'FIRST_PAUSE', description: expect.stringContaining('3 hours') } });
    expect((await send('pause_ladder')).body.error.code).toBe(132015);

    await h.advance(3 * HOUR - 60_000);
    expect(await status(id)).toBe('PAUSED');
    await h.advance(60_000);
    expect(await nth(id, 2)).toMatchObject({ event: 'APPROVED', other_info: { title: 'UNPAUSE' } });
    expect((await send('pause_ladder')).status).toBe(200);

    await quality(id, 'GREEN');
    await quality(id, 'RED');
    expect(await nth(id, 3)).toMatchObject({ event: 'PAUSED', other_info: { title: 'SECOND_PAUSE', description: expect.stringContaining('6 hours') } });
    await h.advance(3 * HOUR);
    expect(await status(id)).toBe('PAUSED');
    await h.advance(3 * HOUR);
    expect(await nth(id, 4)).toMatchObject({ event: 'APPROVED', other_info: { title: 'UNPAUSE' } });

    await quality(id, 'YELLOW');
    await quality(id, 'RED');
    expect(await nth(id, 5)).toMatchObject({ event: 'DISABLED', disable_info: { disable_date: expect.any(Number) }, other_info: { title: 'DISABLED' } });
    await h.advance(24 * HOUR);
    expect(await status(id)).toBe('DISABLED');
    const disabled = await send('pause_ladder');
    expect(disabled.body.error).toMatchObject({ code: 132016, message: '(#132016) Template is disabled' });
    expect((await h.graph('DELETE', `/${WABA}/message_templates?name=pause_ladder`)).status).toBe(400);
  });

  it('the seeded PAUSED template unpauses after its 3 h', async () => {
    const [seeded] = (await h.graph('GET', `/${WABA}/message_templates?name=delivery_delay_notice&fields=status`)).body.data;
    await h.advance(3 * HOUR);
    expect(await status(seeded.id)).toBe('APPROVED');
    const unpause = await waitFor(() => updates(seeded.id).find((u) => u.other_info?.title === 'UNPAUSE'), 'seeded unpause');
    expect(unpause.event).toBe('APPROVED');
  });
});

describe('category change', () => {
  it('announces the change 24 h ahead, then completes it', async () => {
    const id = await approvedTemplate('soon_marketing');
    const before = Math.floor((await h.call('GET', '/clock')).body.now / 1000);
    const res = await h.call('POST', `/control/templates/${id}/category-change`, { correctCategory: 'MARKETING' });
    expect(res.status).toBe(200);
    const impending = await waitFor(() => h.hooks.values('template_category_update').find((v) => v.message_template_id === Number(id)), 'impending');
    expect(impending).toEqual({
      message_template_id: Number(id),
      message_template_name: 'soon_marketing',
      message_template_language: 'tr',
      new_category: 'UTILITY',
      correct_category: 'MARKETING',
      category_update_timestamp: expect.any(Number),
    });
    expect(impending.category_update_timestamp - before).toBeGreaterThanOrEqual(24 * 3600);
    expect((await h.graph('GET', `/${id}?fields=category,correct_category`)).body).toEqual({ category: 'UTILITY', correct_category: 'MARKETING', id });

    await h.advance(24 * HOUR);
    const completed = await waitFor(
      () => h.hooks.values('template_category_update').find((v) => v.message_template_id === Number(id) && v.previous_category),
      'completed',
    );
    expect(completed).toEqual({
      message_template_id: Number(id),
      message_template_name: 'soon_marketing',
      message_template_language: 'tr',
      previous_category: 'UTILITY',
      new_category: 'MARKETING',
    });
    expect((await h.graph('GET', `/${id}?fields=category,previous_category,status`)).body).toEqual({ status: 'APPROVED', category: 'MARKETING', previous_category: 'UTILITY', id });
    const sent = await send('soon_marketing');
    const first = await waitFor(() => h.hooks.statuses(sent.body.messages[0].id)[0], 'sent status');
    expect(first.pricing).toMatchObject({ category: 'marketing', type: 'regular', billable: true });
  });
});
