/**
 * The exact shapes of `template.components` in a Graph API send (reference §3.1). Only
 * `renderTemplate` builds these; the server passes them through to Meta untouched.
 *
 * @module
 */

type Named = { parameter_name?: string };

export type GraphTextParameter = { type: 'text'; text: string } & Named;
export type GraphCurrencyParameter = {
  type: 'currency';
  currency: { fallback_value: string; code: string; amount_1000: number };
} & Named;
export type GraphDateTimeParameter = { type: 'date_time'; date_time: { fallback_value: string } } & Named;
export type GraphMediaObject = { link?: string; id?: string; filename?: string };
export type GraphMediaParameter =
  | { type: 'image'; image: GraphMediaObject }
  | { type: 'video'; video: GraphMediaObject }
  | { type: 'document'; document: GraphMediaObject };
export type GraphLocationParameter = {
  type: 'location';
  location: { latitude: number; longitude: number; name?: string; address?: string };
};
export type GraphCouponParameter = { type: 'coupon_code'; coupon_code: string };
export type GraphPayloadParameter = { type: 'payload'; payload: string };

export type GraphValueParameter = GraphTextParameter | GraphCurrencyParameter | GraphDateTimeParameter;

export type GraphHeaderComponent = {
  type: 'header';
  parameters: [GraphValueParameter | GraphMediaParameter | GraphLocationParameter];
};
export type GraphBodyComponent = { type: 'body'; parameters: GraphValueParameter[] };
export type GraphButtonComponent =
  | { type: 'button'; sub_type: 'url'; index: string; parameters: [GraphTextParameter] }
  | { type: 'button'; sub_type: 'copy_code'; index: string; parameters: [GraphCouponParameter] }
  | { type: 'button'; sub_type: 'quick_reply'; index: string; parameters: [GraphPayloadParameter] };

export type GraphComponent = GraphHeaderComponent | GraphBodyComponent | GraphButtonComponent;
