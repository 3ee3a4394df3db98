// XML for the query protocols (EC2's and awsQuery), written by fast-xml-parser's builder (it escapes text). In the
// body objects a boolean or number is written as text, undefined members are left out, an array is the element
// repeated, and a key `@_name` is an attribute.
import { XMLBuilder } from 'fast-xml-parser';

export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export type XmlValue = string | number | boolean | undefined | XmlObject | XmlObject[] | string[];
export interface XmlObject {
  [name: string]: XmlValue;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** One XML document (with its declaration) of the given root element. */
export const xmlDocument = (root: XmlObject) => XML_DECLARATION + builder.build(root);

/** Query-protocol timestamps: ISO 8601 with milliseconds, UTC. */
export const timestamp = (ms: number) => new Date(ms).toISOString();
