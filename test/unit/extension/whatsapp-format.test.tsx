import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatWhatsApp } from '../../../extension/features/preview/whatsapp-format';

const html = (text: string) => renderToStaticMarkup(<p>{formatWhatsApp(text)}</p>);

describe('WhatsApp formatting in the preview', () => {
  it.each([
    ['*TR-10482* numaralı', '<p><strong>TR-10482</strong> numaralı</p>'],
    ['_yarın_ teslim', '<p><em>yarın</em> teslim</p>'],
    ['~eski~ yeni', '<p><s>eski</s> yeni</p>'],
    ['kod: ```ABC 12```', '<p>kod: <code>ABC 12</code></p>'],
    ['*kalın _ve italik_*', '<p><strong>kalın <em>ve italik</em></strong></p>'],
    ['2 * 3 * 4', '<p>2 * 3 * 4</p>'],
    ['snake_case_name', '<p>snake_case_name</p>'],
  ])('%s', (text, expected) => {
    expect(html(text)).toBe(expected);
  });

  it('never turns text into markup', () => {
    expect(html('<img src=x onerror=alert(1)> *<b>*')).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;</strong></p>');
  });
});
