// EC2's XML answers, written by fast-xml-parser's builder (it escapes text). Success:
//   <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>…</requestId>…</…Response>
// Errors (EC2's own shape, not the <ErrorResponse> of other query services):
//   <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>
// In the body objects a list is `{ item: [...] }` (set()), a boolean or number is written as text, and undefined
// members are left out.
import { XMLBuilder } from 'fast-xml-parser';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';

export type XmlValue = string | number | boolean | undefined | XmlObject | XmlObject[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An EC2 list: `<name><item>…</item>…</name>`; empty lists are written as an empty element. */
export function set(items: readonly XmlObject[]): XmlObject | string {
  return items.length ? { item: [...items] } : '';
}

export function successXml(action: string, requestId: string, body: XmlObject): string {
  return DECLARATION + builder.build({ [`${action}Response`]: { '@_xmlns': EC2_NAMESPACE, requestId, ...body } });
}

export function errorXml(code: string, message: string, requestId: string): string {
  return DECLARATION + builder.build({ Response: { Errors: { Error: { Code: code, Message: message } }, RequestID: requestId } });
}

/** EC2 timestamps: ISO 8601 with milliseconds, UTC. */
export const timestamp = (ms: number) => new Date(ms).toISOString();
