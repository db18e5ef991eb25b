import { dirname, join } from 'node:path';
import type { BicepFile, BicepParser, Expr, ModuleDecl, ResourceDecl } from './bicep';
import { EvaluationError } from './errors';
import { binary, builtin, checked } from './functions';
import { Ref, isObjectValue, joinParts, render, type Value } from './values';

/** A resource the deployment would create (or, `existing`, refer to), with its evaluated body. */
export interface ResourceInstance {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  /** The file that declares it, and the module chain it was reached through (`main/web`). */
  file: string;
  scope: string;
  body: { [key: string]: Value };
}

export interface OutputInstance {
  file: string;
  scope: string;
  name: string;
  value: Value;
}

/** What a Bicep deployment with one parameter file amounts to, worked out offline. */
export interface Deployment {
  /** Top-level parameter values: from the parameter file, else the defaults. */
  params: Record<string, Value>;
  resources: ResourceInstance[];
  outputs: OutputInstance[];
}

type Thunk = () => Value;

/** A name that stands for a resource or a module rather than for a value. */
class SymbolRef {
  constructor(readonly decl: { resource: ResourceDecl } | { module: ModuleDecl }) {}
}

/**
 * Evaluates `mainPath` with the given top-level parameter values, following modules, loops and
 * conditions, and returns every resource and output with its values. References to things only
 * Azure knows become `Ref`s whose text names the resource type and name they come from.
 */
export function evaluateDeployment(
  parser: BicepParser,
  readFile: (path: string) => string,
  mainPath: string,
  paramValues: Record<string, Value>,
): Deployment {
  const files = new Map<string, BicepFile>();
  const load = (path: string): BicepFile => {
    const known = files.get(path);
    if (known) return known;
    const file = parser.parse(readFile(path), path);
    files.set(path, file);
    return file;
  };
  const deployment: Deployment = { params: {}, resources: [], outputs: [] };
  const main = load(mainPath);
  const unknown = Object.keys(paramValues).filter((n) => !main.params.some((p) => p.name === n));
  if (unknown.length > 0) throw new EvaluationError(`${mainPath} declares no parameter ${unknown.join(', ')}`);
  const bindings = new Map<string, Thunk>();
  for (const [name, value] of Object.entries(paramValues)) bindings.set(name, () => value);
  const scope = new Scope(main, 'main', bindings, load, deployment);
  for (const p of main.params) deployment.params[p.name] = scope.param(p.name);
  scope.run();
  return deployment;
}

class Scope {
  private readonly memo = new Map<string, Value>();
  private readonly busy = new Set<string>();
  private readonly modules = new Map<string, Scope>();

  constructor(
    readonly file: BicepFile,
    readonly name: string,
    private readonly bindings: Map<string, Thunk>,
    private readonly load: (path: string) => BicepFile,
    private readonly deployment: Deployment,
  ) {}

  private where(line: number): string {
    return `${this.file.path}:${line}`;
  }

  /** Evaluates every resource, module and output of this file into the deployment. */
  run(): void {
    for (const r of this.file.resources) this.deployment.resources.push(...this.instances(r));
    for (const m of this.file.modules) this.module(m);
    for (const o of this.file.outputs) {
      this.deployment.outputs.push({ file: this.file.path, scope: this.name, name: o.name, value: this.output(o.name) });
    }
  }

  output(name: string): Value {
    const decl = this.file.outputs.find((o) => o.name === name);
    if (!decl) throw new EvaluationError(`${this.file.path}: no output ${name}`);
    return this.once(`output ${name}`, decl.line, () => this.eval(decl.value, new Map()));
  }

  private once(key: string, line: number, compute: () => Value): Value {
    if (this.memo.has(key)) return this.memo.get(key)!;
    if (this.busy.has(key)) throw new EvaluationError(`${this.where(line)}: ${key} refers to itself`);
    this.busy.add(key);
    try {
      const value = compute();
      this.memo.set(key, value);
      return value;
    } finally {
      this.busy.delete(key);
    }
  }

  param(name: string): Value {
    const decl = this.file.params.find((p) => p.name === name)!;
    return this.once(`param ${name}`, decl.line, () => {
      if (decl.secure) return new Ref(`secure(${this.name}.${name})`);
      const bound = this.bindings.get(name);
      if (bound) return checked(decl, bound(), this.where(decl.line));
      if (decl.defaultValue) return this.eval(decl.defaultValue, new Map());
      throw new EvaluationError(`${this.where(decl.line)}: parameter ${name} has no value`);
    });
  }

  private instances(r: ResourceDecl): ResourceInstance[] {
    const make = (body: Value): ResourceInstance => {
      if (!isObjectValue(body)) throw new EvaluationError(`${this.where(r.line)}: resource ${r.name} has no object body`);
      return { symbol: r.name, type: r.type, apiVersion: r.apiVersion, existing: r.existing, file: this.file.path, scope: this.name, body };
    };
    return this.bodies(r.body, r.line).map(make);
  }

  /** The object bodies a declaration yields: none when its condition is false, one per loop item. */
  private bodies(body: Expr, line: number): Value[] {
    if (body.kind === 'if') {
      const condition = this.eval(body.condition, new Map());
      if (typeof condition !== 'boolean') throw new EvaluationError(`${this.where(line)}: condition ${render(condition)} is not known offline`);
      return condition ? [this.eval(body.body, new Map())] : [];
    }
    if (body.kind === 'for') {
      const source = this.eval(body.source, new Map());
      if (!Array.isArray(source)) throw new EvaluationError(`${this.where(line)}: loop over ${render(source)} is not known offline`);
      return source.flatMap((item, i) => {
        const env = new Map<string, Value>([[body.item, item]]);
        if (body.index) env.set(body.index, i);
        if (body.body.kind === 'if') {
          const condition = this.eval(body.body.condition, env);
          return condition === true ? [this.eval(body.body.body, env)] : [];
        }
        return [this.eval(body.body, env)];
      });
    }
    return [this.eval(body, new Map())];
  }

  private moduleScope(m: ModuleDecl): Scope {
    const file = this.load(join(dirname(this.file.path), m.path));
    const body = m.body.kind === 'if' ? m.body.body : m.body;
    const paramsExpr = body.kind === 'object' ? body.props.find((p) => p.key === 'params')?.value : undefined;
    if (paramsExpr && paramsExpr.kind !== 'object') throw new EvaluationError(`${this.where(m.line)}: module ${m.name} params must be an object literal`);
    const given = new Map<string, Thunk>();
    for (const prop of paramsExpr?.props ?? []) {
      if (typeof prop.key !== 'string') throw new EvaluationError(`${this.where(m.line)}: computed parameter name`);
      const value = prop.value;
      given.set(prop.key, () => this.eval(value, new Map()));
    }
    const undeclared = [...given.keys()].filter((k) => !file.params.some((p) => p.name === k));
    if (undeclared.length > 0) throw new EvaluationError(`${this.where(m.line)}: module ${m.name} has no parameter ${undeclared.join(', ')}`);
    const unset = file.params.filter((p) => !p.defaultValue && !given.has(p.name)).map((p) => p.name);
    if (unset.length > 0) throw new EvaluationError(`${this.where(m.line)}: module ${m.name} needs parameter ${unset.join(', ')}`);
    return new Scope(file, `${this.name}/${m.name}`, given, this.load, this.deployment);
  }

  private module(m: ModuleDecl): void {
    if (m.body.kind === 'for') throw new EvaluationError(`${this.where(m.line)}: module loops are not used here`);
    if (this.bodies(m.body, m.line).length > 0) this.moduleInstance(m).run();
  }

  private moduleInstance(m: ModuleDecl): Scope {
    const cached = this.modules.get(m.name);
    if (cached) return cached;
    const scope = this.moduleScope(m);
    this.modules.set(m.name, scope);
    return scope;
  }

  private resourceName(r: ResourceDecl): Value {
    if (r.body.kind === 'for') throw new EvaluationError(`${this.where(r.line)}: references to looped resource ${r.name} are not used here`);
    const body = r.body.kind === 'if' ? r.body.body : r.body;
    const nameExpr = body.kind === 'object' ? body.props.find((p) => p.key === 'name')?.value : undefined;
    if (!nameExpr) throw new EvaluationError(`${this.where(r.line)}: resource ${r.name} has no name`);
    return this.once(`name of ${r.name}`, r.line, () => this.eval(nameExpr, new Map()));
  }

  /** How a resource is referred to: its type and name, the same from any file that names it. */
  private resourceRef(r: ResourceDecl): string {
    return `${r.type}(${render(this.resourceName(r))})`;
  }

  private lookup(name: string, env: Map<string, Value>): Value | SymbolRef {
    if (env.has(name)) return env.get(name)!;
    if (this.file.params.some((p) => p.name === name)) return this.param(name);
    const v = this.file.vars.find((x) => x.name === name);
    if (v) return this.once(`var ${name}`, v.line, () => this.eval(v.value, new Map()));
    const resource = this.file.resources.find((r) => r.name === name);
    if (resource) return new SymbolRef({ resource });
    const module = this.file.modules.find((m) => m.name === name);
    if (module) return new SymbolRef({ module });
    throw new EvaluationError(`${this.file.path}: unknown name ${name}`);
  }

  eval(e: Expr, env: Map<string, Value>): Value {
    switch (e.kind) {
      case 'string':
        return joinParts(e.parts.map((p) => (typeof p === 'string' ? p : this.eval(p, env))));
      case 'number':
      case 'bool':
        return e.value;
      case 'null':
        return null;
      case 'array':
        return e.items.map((i) => this.eval(i, env));
      case 'object': {
        const out: { [key: string]: Value } = {};
        for (const p of e.props) out[typeof p.key === 'string' ? p.key : render(this.eval(p.key, env))] = this.eval(p.value, env);
        return out;
      }
      case 'ident':
      case 'member':
        return this.reference(e, env);
      case 'index': {
        const object = this.eval(e.object, env);
        const index = this.eval(e.index, env);
        if (Array.isArray(object) && typeof index === 'number') return object[index] ?? null;
        if (isObjectValue(object) && typeof index === 'string') return object[index] ?? null;
        return new Ref(`${render(object)}[${render(index)}]`);
      }
      case 'call':
        return this.call(e, env);
      case 'ternary': {
        const condition = this.eval(e.condition, env);
        if (typeof condition === 'boolean') return this.eval(condition ? e.then : e.otherwise, env);
        return new Ref(`(${render(condition)} ? ${render(this.eval(e.then, env))} : ${render(this.eval(e.otherwise, env))})`);
      }
      case 'unary': {
        const v = this.eval(e.argument, env);
        if (e.op === '!' && typeof v === 'boolean') return !v;
        if (e.op === '-' && typeof v === 'number') return -v;
        return new Ref(`${e.op}${render(v)}`);
      }
      case 'binary':
        return binary(e.op, this.eval(e.left, env), this.eval(e.right, env));
      case 'for': {
        const source = this.eval(e.source, env);
        if (!Array.isArray(source)) return new Ref(`[for ${e.item} in ${render(source)}]`);
        return source.map((item, i) => {
          const inner = new Map(env).set(e.item, item);
          if (e.index) inner.set(e.index, i);
          return this.eval(e.body, inner);
        });
      }
      case 'if':
        throw new EvaluationError(`${this.file.path}: 'if' outside a resource or module`);
    }
  }

  /** Identifiers and member chains: parameters, variables, resources, module outputs. */
  private reference(e: Expr, env: Map<string, Value>): Value {
    const chain: string[] = [];
    let root: Expr = e;
    while (root.kind === 'member') {
      chain.unshift(root.property);
      root = root.object;
    }
    const base = root.kind === 'ident' ? this.lookup(root.name, env) : this.eval(root, env);
    if (!(base instanceof SymbolRef)) return follow(base, chain);
    if ('module' in base.decl) {
      if (chain[0] !== 'outputs' || chain.length < 2) throw new EvaluationError(`${this.file.path}: only module outputs can be read`);
      return follow(this.moduleInstance(base.decl.module).output(chain[1]!), chain.slice(2));
    }
    const resource = base.decl.resource;
    if (chain.length === 1 && chain[0] === 'name') return this.resourceName(resource);
    const ref = this.resourceRef(resource);
    return new Ref(chain.length === 0 ? ref : `${ref}.${chain.join('.')}`);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, env: Map<string, Value>): Value {
    if (e.callee.kind === 'member') {
      const target = this.eval(e.callee.object, env);
      return new Ref(`${render(target)}.${e.callee.property}(${e.args.map((a) => render(this.eval(a, env))).join(', ')})`);
    }
    if (e.callee.kind !== 'ident') throw new EvaluationError(`${this.file.path}: unsupported call`);
    const args = e.args.map((a) => this.eval(a, env));
    return builtin(e.callee.name, args);
  }
}

function follow(value: Value, chain: string[]): Value {
  let v = value;
  for (const key of chain) {
    if (v instanceof Ref) v = new Ref(`${v.text}.${key}`);
    else if (isObjectValue(v) && key in v) v = v[key]!;
    else throw new EvaluationError(`no property ${key} in ${render(v)}`);
  }
  return v;
}
