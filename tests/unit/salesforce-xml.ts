/**
 * Reading the sf CLI project in salesforce/ for the metadata tests: the files, their XML as a small element tree,
 * and the custom fields of each object. XML goes through fast-xml-parser, the parser the Salesforce CLI's
 * source-deploy-retrieve library converts source with, plus the checks its validator leaves out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const PROJECT = join(__dirname, '../../salesforce');
export const SOURCE = join(PROJECT, 'force-app/main/default');
export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), without its children's. */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  ignoreDeclaration: true,
  commentPropName: '#comment',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** What fast-xml-parser gives for one node with `preserveOrder`: `{ tag: [children], ':@': attributes }`. */
type OrderedNode = Record<string, unknown>;

function toElement(node: OrderedNode): XmlElement | string | undefined {
  if ('#comment' in node) return undefined;
  if ('#text' in node) return String(node['#text']);
  const name = Object.keys(node).find((key) => key !== ':@')!;
  const attributes = (node[':@'] as Record<string, string> | undefined) ?? {};
  const element: XmlElement = { name, attributes, children: [], text: '' };
  for (const child of node[name] as OrderedNode[]) {
    const converted = toElement(child);
    if (typeof converted === 'string') element.text += converted;
    else if (converted) element.children.push(converted);
  }
  return element;
}

/**
 * The root element of an XML document, or an error naming `label`. Besides what fast-xml-parser's validator
 * checks (balanced tags, quoted and unique attributes, no bare `<` or `&`), a document must have exactly one
 * root element, no text outside it, and only the five predefined entities or character references.
 */
export function parseXml(xml: string, label: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`${label} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)[^;\s]*;?/i.exec(xml);
  if (entity) throw new Error(`${label} is not well-formed XML: unknown entity ${entity[0]}`);
  const roots = (parser.parse(xml) as OrderedNode[])
    .map(toElement)
    .filter((node): node is XmlElement => node !== undefined && typeof node !== 'string');
  // The parser drops text outside the root element, so look for it in the source.
  const outside = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '').trim();
  if (roots.length !== 1 || !outside.startsWith('<') || !outside.endsWith('>')) {
    throw new Error(`${label} is not well-formed XML: it needs exactly one root element and nothing outside it`);
  }
  return roots[0]!;
}

const parsed = new Map<string, XmlElement>();

/** The root element of a file in the project (read once per test file: the tests only read). */
export function parse(path: string): XmlElement {
  let root = parsed.get(path);
  if (!root) {
    root = parseXml(readFileSync(path, 'utf8'), relative(PROJECT, path));
    parsed.set(path, root);
  }
  return root;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The direct children of `parent` named `name`. */
export function children(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

/** The first direct child named `name`, or an error: for elements a test cannot do without. */
export function child(parent: XmlElement, name: string): XmlElement {
  const found = children(parent, name)[0];
  if (!found) throw new Error(`<${parent.name}> has no <${name}>`);
  return found;
}

/** The trimmed text of the first direct child named `name`, or undefined. */
export function text(parent: XmlElement, name: string): string | undefined {
  return children(parent, name)[0]?.text.trim();
}

export function objectFile(object: string): XmlElement {
  return parse(join(SOURCE, 'objects', object, `${object}.object-meta.xml`));
}

/** The custom fields of `object`, by API name. */
export function fieldFiles(object: string): Map<string, XmlElement> {
  const dir = join(SOURCE, 'objects', object, 'fields');
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.field-meta.xml'))
      .map((name) => [name.replace('.field-meta.xml', ''), parse(join(dir, name))]),
  );
}

export function field(object: string, name: string): XmlElement {
  const found = fieldFiles(object).get(name);
  if (!found) throw new Error(`${object} has no field ${name}`);
  return found;
}

/** Formula fields are computed by Salesforce: nobody writes them, and no permission set can make them editable. */
export function isFormula(fieldElement: XmlElement): boolean {
  return children(fieldElement, 'formula').length > 0;
}
