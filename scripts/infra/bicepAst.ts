/** A Bicep expression, reduced to what a structural check needs. */
export type Expr =
  | { kind: 'string'; parts: (string | Expr)[] }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'ident'; name: string }
  | { kind: 'object'; props: { key: string | Expr; value: Expr }[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'ternary'; condition: Expr; then: Expr; otherwise: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'unary'; op: string; argument: Expr }
  | { kind: 'for'; item: string; index: string | undefined; source: Expr; body: Expr }
  | { kind: 'if'; condition: Expr; body: Expr };

export interface Decorator {
  name: string;
  args: Expr[];
}

interface Declared {
  name: string;
  line: number;
  decorators: Decorator[];
}

export interface ParamDecl extends Declared {
  type: string;
  defaultValue: Expr | undefined;
  secure: boolean;
}

export interface VarDecl extends Declared {
  value: Expr;
}

export interface ResourceDecl extends Declared {
  /** e.g. `Microsoft.Web/sites`. */
  type: string;
  apiVersion: string;
  existing: boolean;
  /** An object, or a `for` / `if` around one. */
  body: Expr;
}

export interface ModuleDecl extends Declared {
  /** Path of the module file relative to the declaring file. */
  path: string;
  body: Expr;
}

export interface OutputDecl extends Declared {
  type: string;
  value: Expr;
}

/** One parsed .bicep file. */
export interface BicepFile {
  path: string;
  targetScope: string | undefined;
  params: ParamDecl[];
  vars: VarDecl[];
  resources: ResourceDecl[];
  modules: ModuleDecl[];
  outputs: OutputDecl[];
}
