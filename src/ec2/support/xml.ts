// EC2's XML answers (the writer is src/protocol/xml.ts). Success:
//   <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>…</requestId>…</…Response>
// Errors (EC2's own shape, not the <ErrorResponse> of the awsQuery services):
//   <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>
// A list is `{ item: [...] }` (set()).
import { type XmlObject, xmlDocument } from '../../protocol/xml.js';

export { timestamp, XML_CONTENT_TYPE, type XmlObject, type XmlValue } from '../../protocol/xml.js';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An EC2 list: `<name><item>…</item>…</name>`; empty lists are written as an empty element. */
export function set(items: readonly XmlObject[]): XmlObject | string {
  return items.length ? { item: [...items] } : '';
}

export function successXml(action: string, requestId: string, body: XmlObject): string {
  return xmlDocument({ [`${action}Response`]: { '@_xmlns': EC2_NAMESPACE, requestId, ...body } });
}

export function errorXml(code: string, message: string, requestId: string): string {
  return xmlDocument({ Response: { Errors: { Error: { Code: code, Message: message } }, RequestID: requestId } });
}
