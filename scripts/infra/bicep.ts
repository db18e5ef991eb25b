import { Language, Parser, type Node } from 'web-tree-sitter';
import type { BicepFile, Decorator, Expr, ResourceDecl } from './bicepAst';

export type * from './bicepAst';

/** A syntax error, or a construct outside the subset the checks understand; names file and line. */
export class BicepSyntaxError extends Error {
  constructor(path: string, node: Node, what: string) {
    super(`${path}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}`);
    this.name = 'BicepSyntaxError';
  }
}

export interface BicepParser {
  /** Parses a file; throws `BicepSyntaxError` on a syntax error or an unsupported construct. */
  parse(text: string, path: string): BicepFile;
}

/**
 * A parser over the Bicep tree-sitter grammar (WebAssembly, so it runs offline on any platform).
 * Loading the grammar is asynchronous; parsing after that is not.
 */
export async function createBicepParser(): Promise<BicepParser> {
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text, path) {
      const tree = parser.parse(text);
      if (!tree) throw new Error(`${path}: the parser returned nothing`);
      try {
        return readFile(tree.rootNode, path);
      } finally {
        tree.delete();
      }
    },
  };
}

/** The text of a string expression without interpolation; undefined for anything else. */
export function plainText(e: Expr | undefined): string | undefined {
  if (e?.kind !== 'string') return undefined;
  let text = '';
  for (const part of e.parts) {
    if (typeof part !== 'string') return undefined;
    text += part;
  }
  return text;
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.type !== 'diagnostic_comment');
}

function firstError(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const hit = child && firstError(child);
    if (hit) return hit;
  }
  return undefined;
}

function readFile(root: Node, path: string): BicepFile {
  const error = firstError(root);
  if (error) {
    throw new BicepSyntaxError(path, error, error.isMissing ? `syntax error: missing ${error.type}` : `syntax error near "${error.text.slice(0, 40)}"`);
  }
  const file: BicepFile = { path, targetScope: undefined, params: [], vars: [], resources: [], modules: [], outputs: [] };
  const ctx = new Reader(path);
  let pending: Decorator[] = [];
  for (const statement of named(root)) {
    if (statement.type === 'decorators') {
      pending = [...pending, ...named(statement).map((d) => ctx.decorator(d))];
      continue;
    }
    const parts = named(statement);
    const name = parts[0]?.text ?? '';
    const line = statement.startPosition.row + 1;
    const decorators = pending;
    pending = [];
    switch (statement.type) {
      case 'target_scope_assignment':
        file.targetScope = ctx.literalString(parts[0]!);
        break;
      case 'parameter_declaration':
        file.params.push({
          name,
          line,
          decorators,
          type: parts[1]!.text,
          defaultValue: parts[2] ? ctx.expr(parts[2]) : undefined,
          secure: decorators.some((d) => d.name === 'secure'),
        });
        break;
      case 'variable_declaration':
        file.vars.push({ name, line, decorators, value: ctx.expr(parts[1]!) });
        break;
      case 'resource_declaration':
        file.resources.push(ctx.resource(statement, decorators));
        break;
      case 'module_declaration':
        file.modules.push({ name, line, decorators, path: ctx.literalString(parts[1]!), body: ctx.expr(parts[2]!) });
        break;
      case 'output_declaration':
        file.outputs.push({ name, line, decorators, type: parts[1]!.text, value: ctx.expr(parts[2]!) });
        break;
      default:
        throw new BicepSyntaxError(path, statement, `unsupported statement ${statement.type}`);
    }
  }
  return file;
}

class Reader {
  constructor(private readonly path: string) {}

  fail(node: Node, what: string): never {
    throw new BicepSyntaxError(this.path, node, what);
  }

  decorator(node: Node): Decorator {
    const call = named(node)[0];
    if (!call || call.type !== 'call_expression') this.fail(node, 'unsupported decorator');
    const parsed = this.expr(call);
    if (parsed.kind !== 'call' || parsed.callee.kind !== 'ident') this.fail(node, 'unsupported decorator');
    return { name: parsed.callee.name, args: parsed.args };
  }

  resource(node: Node, decorators: Decorator[]): ResourceDecl {
    const parts = named(node);
    const typeText = this.literalString(parts[1]!);
    const at = typeText.lastIndexOf('@');
    if (at < 0) this.fail(parts[1]!, `resource type "${typeText}" has no @apiVersion`);
    return {
      name: parts[0]!.text,
      line: node.startPosition.row + 1,
      decorators,
      type: typeText.slice(0, at),
      apiVersion: typeText.slice(at + 1),
      existing: node.children.some((c) => c?.type === 'existing'),
      body: this.expr(parts[2]!),
    };
  }

  /** A string without interpolation. */
  literalString(node: Node): string {
    return plainText(this.expr(node)) ?? this.fail(node, 'expected a plain string');
  }

  expr(node: Node): Expr {
    const parts = named(node);
    const field = (name: string): Node => node.childForFieldName(name) ?? this.fail(node, `${node.type} without ${name}`);
    switch (node.type) {
      case 'string':
        return { kind: 'string', parts: this.stringParts(node) };
      case 'number':
        return { kind: 'number', value: Number(node.text) };
      case 'boolean':
        return { kind: 'bool', value: node.text === 'true' };
      case 'null':
        return { kind: 'null' };
      case 'identifier':
        return { kind: 'ident', name: node.text };
      case 'object':
        return { kind: 'object', props: parts.filter((p) => p.type === 'object_property').map((p) => this.property(p)) };
      case 'array':
        return { kind: 'array', items: parts.filter((p) => p.type !== 'decorators').map((p) => this.expr(p)) };
      case 'member_expression':
        return { kind: 'member', object: this.expr(field('object')), property: field('property').text };
      case 'subscript_expression':
        return { kind: 'index', object: this.expr(field('object')), index: this.expr(field('index')) };
      case 'call_expression':
        return { kind: 'call', callee: this.expr(field('function')), args: named(field('arguments')).map((a) => this.expr(a)) };
      case 'parenthesized_expression':
        if (parts.length !== 1) this.fail(node, 'unsupported parenthesized list');
        return this.expr(parts[0]!);
      case 'ternary_expression':
        return {
          kind: 'ternary',
          condition: this.expr(field('condition')),
          then: this.expr(field('consequence')),
          otherwise: this.expr(field('alternative')),
        };
      case 'binary_expression':
        return { kind: 'binary', op: field('operator').text, left: this.expr(field('left')), right: this.expr(field('right')) };
      case 'unary_expression':
        return { kind: 'unary', op: field('operator').text, argument: this.expr(field('argument')) };
      case 'for_statement':
        return this.forLoop(node);
      case 'if_statement':
        return { kind: 'if', condition: this.expr(parts[0]!), body: this.expr(parts[1]!) };
      default:
        return this.fail(node, `unsupported expression ${node.type}`);
    }
  }

  private property(node: Node): { key: string | Expr; value: Expr } {
    const [key, value] = named(node);
    if (!key || !value || key.type === 'resource_declaration') this.fail(node, 'unsupported object property (nested resources are not used here)');
    if (key.type === 'identifier') return { key: key.text, value: this.expr(value) };
    if (key.type === 'string') {
      const parsed = this.expr(key);
      return { key: plainText(parsed) ?? parsed, value: this.expr(value) };
    }
    return this.fail(key, `unsupported property key ${key.type}`);
  }

  private forLoop(node: Node): Expr {
    const parts = named(node);
    const head = parts[0]!;
    const body = this.expr(node.childForFieldName('body') ?? this.fail(node, 'for without body'));
    if (head.type === 'for_loop_parameters') {
      const [item, index] = named(head);
      return { kind: 'for', item: item!.text, index: index!.text, source: this.expr(parts[1]!), body };
    }
    return { kind: 'for', item: head.text, index: undefined, source: this.expr(parts[1]!), body };
  }

  private stringParts(node: Node): (string | Expr)[] {
    const out: (string | Expr)[] = [];
    for (const child of node.children) {
      if (!child || child.type === "'" || child.type === "'''") continue;
      if (child.type === 'interpolation') out.push(this.expr(named(child)[0]!));
      else if (child.type === 'string_content') out.push(child.text);
      else if (child.text.startsWith('\\')) out.push(unescape(child.text));
      else if (child.type !== 'comment') this.fail(child, `unexpected ${child.type} in string`);
    }
    return out.reduce<(string | Expr)[]>((acc, p) => {
      const last = acc[acc.length - 1];
      if (typeof p === 'string' && typeof last === 'string') acc[acc.length - 1] = last + p;
      else acc.push(p);
      return acc;
    }, []);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function unescape(text: string): string {
  const body = text.slice(1);
  if (body.startsWith('u{')) return String.fromCodePoint(parseInt(body.slice(2, -1), 16));
  return ESCAPES[body] ?? body;
}
