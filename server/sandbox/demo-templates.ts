/**
 * The templates the sandbox WABA starts with: realistic Turkish (`tr`) and English (`en`) utility
 * templates for a small shop and its support desk, plus one approved MARKETING template, one PAUSED
 * and one REJECTED, so every state is visible in a fresh demo. Each `draft` is exactly what a client
 * would POST to `/{waba}/message_templates`, and passes the sandbox's own creation checks.
 *
 * @module
 */
import type { QualityScoreValue, RejectedReason } from '../../shared/schemas/template';

export type DemoTemplate = {
  draft: Record<string, unknown>;
  status?: 'APPROVED' | 'PAUSED' | 'REJECTED';
  quality?: QualityScoreValue;
  rejectedReason?: RejectedReason;
};

const body = (text: string, ...example: string[]) => ({ type: 'BODY', text, example: { body_text: [example] } });
const footer = (text: string) => ({ type: 'FOOTER', text });
const headerText = (text: string) => ({ type: 'HEADER', format: 'TEXT', text });
const buttons = (...list: Array<Record<string, unknown>>) => ({ type: 'BUTTONS', buttons: list });
const quickReply = (text: string) => ({ type: 'QUICK_REPLY', text });
const utility = (name: string, language: string, ...components: Array<Record<string, unknown>>): DemoTemplate => ({
  draft: { name, language, category: 'UTILITY', components },
});

const TRACK_URL = { type: 'URL', url: 'https://kargo.example.com/track/{{1}}', example: ['TRK4829301'] };
const SHOP_TR = footer('Köprü Demo Mağaza');
const SHOP_EN = footer('Köprü Demo Store');
/** A Resumable-Upload handle, as Meta requires for media header examples. */
const HANDLE = '4::aW1hZ2UvanBlZw==:ARYsandboxDemoHandle0001';

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  utility('order_confirmation', 'tr', headerText('Siparişiniz alındı'),
    body('Merhaba {{1}}, {{2}} numaralı siparişiniz alındı. Toplam tutar: {{3}}. Siparişiniz kargoya hazır olduğunda size haber vereceğiz.', 'Ayşe', 'TR-10482', '1.249,90 TL'),
    SHOP_TR),
  utility('order_confirmation', 'en', headerText('Order received'),
    body('Hi {{1}}, we have received your order {{2}}. Order total: {{3}}. We will let you know as soon as it is ready to ship.', 'Emma', 'TR-10482', '$42.50'),
    SHOP_EN),
  utility('shipping_update', 'tr',
    body('Merhaba {{1}}, {{2}} numaralı siparişiniz kargoya verildi. Kargo takip numaranız: {{3}}. Gönderinizi aşağıdaki butondan takip edebilirsiniz.', 'Ayşe', 'TR-10482', 'TRK4829301'),
    SHOP_TR, buttons({ ...TRACK_URL, text: 'Kargoyu takip et' })),
  utility('shipping_update', 'en',
    body('Hi {{1}}, your order {{2}} is on its way. Tracking number: {{3}}. You can follow your parcel with the button below.', 'Emma', 'TR-10482', 'TRK4829301'),
    SHOP_EN, buttons({ ...TRACK_URL, text: 'Track shipment' })),
  utility('delivery_scheduled', 'tr',
    body('Merhaba {{1}}, {{2}} numaralı siparişiniz {{3}} günü {{4}} saatleri arasında teslim edilecek. O saatlerde adreste olamayacaksanız lütfen bu mesajı yanıtlayın.', 'Ayşe', 'TR-10482', '12 Mayıs', '14:00–18:00'),
    SHOP_TR),
  utility('appointment_reminder', 'tr', headerText('Randevu hatırlatması'),
    body('Merhaba {{1}}, {{2}} tarihinde saat {{3}} için {{4}} randevunuz var. Gelemeyecekseniz lütfen aşağıdaki butonla bize bildirin.', 'Mehmet', '14 Mayıs', '10:30', 'teknik servis'),
    buttons(quickReply('Geleceğim'), quickReply('Randevuyu ertele'))),
  utility('appointment_reminder', 'en', headerText('Appointment reminder'),
    body('Hi {{1}}, this is a reminder of your appointment on {{2}} at {{3}} with {{4}}. If you can’t make it, please let us know with the buttons below.', 'James', 'May 14', '10:30 AM', 'our service team'),
    buttons(quickReply('I’ll be there'), quickReply('Reschedule'))),
  utility('payment_reminder', 'tr',
    body('Merhaba {{1}}, {{2}} tutarındaki {{3}} numaralı faturanızın son ödeme tarihi {{4}}. Ödemenizi yaptıysanız bu mesajı dikkate almayınız.', 'Ayşe', '1.249,90 TL', 'FTR-2024-0192', '20 Mayıs'),
    SHOP_TR),
  utility('payment_reminder', 'en',
    body('Hi {{1}}, a payment of {{2}} for invoice {{3}} is due on {{4}}. If you have already paid, please ignore this message.', 'Emma', '$42.50', 'INV-2024-0192', 'May 20'),
    SHOP_EN),
  utility('payment_failed', 'tr',
    body('Merhaba {{1}}, {{2}} numaralı siparişinizin ödemesi alınamadı. Siparişinizin iptal olmaması için lütfen ödeme yönteminizi hesabınızdan güncelleyin.', 'Ayşe', 'TR-10482'),
    SHOP_TR, buttons({ type: 'URL', text: 'Ödeme yöntemini güncelle', url: 'https://shop.example.com/hesabim/odeme' })),
  utility('account_update', 'tr',
    body('Merhaba {{1}}, hesabınızdaki {{2}} bilgisi {{3}} tarihinde güncellendi. Bu değişikliği siz yapmadıysanız lütfen hemen bizi arayın.', 'Ayşe', 'e-posta adresi', '10 Mayıs 14:32'),
    buttons({ type: 'PHONE_NUMBER', text: 'Müşteri hizmetleri', phone_number: '+908505551234' })),
  utility('account_update', 'en',
    body('Hi {{1}}, the {{2}} on your account was changed on {{3}}. If you did not make this change, please call us right away.', 'Emma', 'email address', 'May 10, 2:32 PM'),
    buttons({ type: 'PHONE_NUMBER', text: 'Customer service', phone_number: '+908505551234' })),
  utility('feedback_survey', 'tr',
    body('Merhaba {{1}}, {{2}} numaralı destek talebiniz çözüldü olarak kapatıldı. Aldığınız destekten memnun kaldınız mı?', 'Mehmet', '#48213'),
    buttons(quickReply('Evet'), quickReply('Hayır'))),
  utility('feedback_survey', 'en',
    body('Hi {{1}}, your support request {{2}} has been closed. How would you rate the help you received, from 1 (poor) to 5 (excellent)?', 'James', '#48213'),
    buttons(quickReply('1'), quickReply('2'), quickReply('3'), quickReply('4'), quickReply('5'))),
  utility('optin_confirmation', 'tr',
    body('Merhaba {{1}}, Köprü Demo Mağaza’dan {{2}} bildirimlerini WhatsApp üzerinden almayı kabul ettiniz. Bu mesajları almak istemezseniz DURDUR yazmanız yeterli.', 'Ayşe', 'sipariş ve kargo'),
    buttons(quickReply('Durdur'))),
  utility('optin_confirmation', 'en',
    body('Hi {{1}}, you agreed to receive {{2}} updates from Köprü Demo Store on WhatsApp. Reply STOP at any time to stop these messages.', 'Emma', 'order and delivery'),
    buttons(quickReply('Stop updates'))),
  utility('whatsapp_handoff', 'tr',
    body('Merhaba {{1}}, {{2}} numaralı talebinizle ilgili görüşmemize buradan devam edebiliriz.', 'Mehmet', '#48213')),
  utility('whatsapp_handoff', 'en',
    body('Hi {{1}}, we can continue our conversation about your request {{2}} here.', 'James', '#48213')),
  utility('invoice_ready', 'tr', { type: 'HEADER', format: 'DOCUMENT', example: { header_handle: [HANDLE] } },
    body('Merhaba {{1}}, {{2}} numaralı siparişinizin faturası ektedir. Sorularınız için bu mesajı yanıtlayabilirsiniz.', 'Ayşe', 'TR-10482'),
    SHOP_TR),
  {
    draft: {
      name: 'order_pickup_ready', language: 'en', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: [HANDLE] } },
        {
          type: 'BODY',
          text: 'Hi {{customer_name}}, your order {{order_number}} is ready for pickup at {{store_name}}. Please bring a photo ID when you collect it.',
          example: { body_text_named_params: [
            { param_name: 'customer_name', example: 'Emma' },
            { param_name: 'order_number', example: 'TR-10482' },
            { param_name: 'store_name', example: 'Kadıköy store' },
          ] },
        },
        SHOP_EN,
      ],
    },
  },
  {
    draft: {
      name: 'order_pickup_ready', language: 'tr', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Merhaba {{musteri_adi}}, {{siparis_no}} numaralı siparişiniz {{magaza}} mağazamızda teslim almaya hazır. Teslim alırken kimliğinizi yanınızda getirmeyi unutmayın.',
          example: { body_text_named_params: [
            { param_name: 'musteri_adi', example: 'Ayşe' },
            { param_name: 'siparis_no', example: 'TR-10482' },
            { param_name: 'magaza', example: 'Kadıköy' },
          ] },
        },
        SHOP_TR,
      ],
    },
  },
  {
    draft: {
      name: 'spring_sale', language: 'tr', category: 'MARKETING',
      components: [
        headerText('Bahar indirimi başladı'),
        body('Merhaba {{1}}, bahar kampanyamız başladı! Seçili ürünlerde %30 indirim fırsatını kaçırmayın.', 'Ayşe'),
        SHOP_TR,
        buttons({ type: 'URL', text: 'Alışverişe başla', url: 'https://shop.example.com/bahar' }),
      ],
    },
  },
  {
    status: 'PAUSED',
    quality: 'RED',
    draft: {
      name: 'delivery_delay_notice', language: 'tr', category: 'UTILITY',
      components: [body('Merhaba {{1}}, {{2}} numaralı siparişinizin teslimatı yoğunluk nedeniyle gecikecek. Yeni tahmini teslim tarihi: {{3}}. Anlayışınız için teşekkür ederiz.', 'Ayşe', 'TR-10482', '15 Mayıs')],
    },
  },
  {
    status: 'REJECTED',
    rejectedReason: 'SCAM',
    draft: {
      name: 'account_verification', language: 'tr', category: 'UTILITY',
      components: [body('Merhaba {{1}}, hesabınızı doğrulamak için kart numaranızı ve son kullanma tarihini bu mesaja yanıt olarak gönderin.', 'Ayşe')],
    },
  },
];
