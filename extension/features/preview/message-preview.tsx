import type { ApiTemplate } from '../../../shared/schemas/api-template';
import type { RenderedButton, RenderedHeader, RenderedMessage } from '../../../shared/templates/render-template';
import { Icon, type IconName } from '../../components/icon';
import { useT } from '../../i18n/use-t';
import { formatWhatsApp } from './whatsapp-format';
import './message-preview.css';

const BUTTON_ICON: Record<RenderedButton['type'], IconName> = { URL: 'link', PHONE_NUMBER: 'phone', COPY_CODE: 'copy', QUICK_REPLY: 'reply', FLOW: 'link' };

type ServerLink = NonNullable<ApiTemplate['variables'][number]['serverLink']>;
/** Button index → the link the server puts in at send time. */
export type ServerLinks = Partial<Record<number, ServerLink>>;

/** The template's buttons whose link the server completes (GET /api/templates says which). */
export function serverLinksOf(template: ApiTemplate): ServerLinks {
  const links: ServerLinks = {};
  for (const v of template.variables) if (v.serverLink && v.buttonIndex !== undefined) links[v.buttonIndex] = v.serverLink;
  return links;
}

function Header({ header }: { header: RenderedHeader }) {
  const t = useT();
  if (header.type === 'text') return <div className="wa-header-text">{formatWhatsApp(header.text, 'h')}</div>;
  if (header.type === 'location') {
    return (
      <div className="wa-media wa-location">
        <Icon name="pin" /> {header.name ?? `${header.latitude}, ${header.longitude}`}
        {header.address && <div className="hint">{header.address}</div>}
      </div>
    );
  }
  return (
    <div className="wa-media" data-testid="preview-media">
      <Icon name={header.type} size={24} /> {t(`preview.media.${header.type}`)}
      {(header.link ?? header.filename) && <div className="wa-media-link">{header.filename ?? header.link}</div>}
    </div>
  );
}

/**
 * A WhatsApp-style bubble of exactly what `renderTemplate` produced (or the draft so far). A link
 * the server completes at send time is described rather than shown: the panel cannot know it.
 */
export function MessagePreview({ message, complete, serverLinks = {} }: { message: RenderedMessage; complete: boolean; serverLinks?: ServerLinks }) {
  const t = useT();
  return (
    <section className="wa-preview" aria-label={t('preview.title')} data-testid="preview" data-complete={complete ? 'true' : 'false'}>
      <div className="wa-bubble">
        {message.header && <Header header={message.header} />}
        <div className="wa-body" data-testid="preview-body">
          {formatWhatsApp(message.body, 'b')}
        </div>
        {message.footer && <div className="wa-footer">{message.footer}</div>}
        <div className="wa-time" aria-hidden="true">
          {new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </div>
      </div>
      {message.buttons.length > 0 && (
        <ul className="wa-buttons" aria-label={t('preview.buttons')}>
          {message.buttons.map((b) => (
            <li key={b.index} className="wa-button" data-testid="preview-button">
              <span className="wa-button-text">
                <Icon name={BUTTON_ICON[b.type]} size={14} /> {b.text}
              </span>
              {b.url && serverLinks[b.index] && (
                <span className="wa-button-detail" data-testid="preview-button-server-link">
                  {t(`preview.serverLink.${serverLinks[b.index]!}`)}
                </span>
              )}
              {b.url && !serverLinks[b.index] && (
                <span className="wa-button-detail" data-testid="preview-button-url">
                  {b.url}
                </span>
              )}
              {b.phoneNumber && <span className="wa-button-detail">{b.phoneNumber}</span>}
              {b.code && <span className="wa-button-detail">{b.code}</span>}
            </li>
          ))}
        </ul>
      )}
      {!complete && <p className="hint">{t('preview.incomplete')}</p>}
    </section>
  );
}
