/**
 * What the customer will see, as the panel previews it. Built by `renderTemplate` from the same
 * values (and in the same call) as the Graph components that are sent.
 *
 * @module
 */
import type { RenderedLocation, RenderedMedia } from './param-rules';

export type RenderedHeader = { type: 'text'; text: string } | RenderedMedia | RenderedLocation;

export type RenderedButton = {
  index: number;
  type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW';
  text: string;
  /** URL buttons: the final link, dynamic suffix included (percent-encoded). */
  url?: string;
  phoneNumber?: string;
  /** COPY_CODE buttons: the code the customer copies. */
  code?: string;
};

export type RenderedMessage = {
  header?: RenderedHeader;
  body: string;
  footer?: string;
  buttons: RenderedButton[];
};
