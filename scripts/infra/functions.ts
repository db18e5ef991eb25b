import { plainText, type ParamDecl } from './bicep';
import { EvaluationError } from './errors';
import { Ref, isObjectValue, render, type Value } from './values';

/** Parameters file values (`{ "parameters": { "x": { "value": ... } } }`). */
export function parameterFileValues(json: unknown, file: string): Record<string, Value> {
  const parameters = isObjectValue(json as Value) ? (json as { parameters?: unknown }).parameters : undefined;
  if (!isObjectValue(parameters as Value)) throw new EvaluationError(`${file}: no "parameters" object`);
  const out: Record<string, Value> = {};
  for (const [name, entry] of Object.entries(parameters as Record<string, unknown>)) {
    if (!isObjectValue(entry as Value) || !('value' in (entry as object))) {
      throw new EvaluationError(`${file}: parameter ${name} has no "value" (Key Vault references are not used here)`);
    }
    out[name] = (entry as { value: Value }).value;
  }
  return out;
}

export function binary(op: string, a: Value, b: Value): Value {
  const known = !(a instanceof Ref) && !(b instanceof Ref);
  switch (op) {
    case '==':
      if (known) return JSON.stringify(a) === JSON.stringify(b);
      break;
    case '!=':
      if (known) return JSON.stringify(a) !== JSON.stringify(b);
      break;
    case '&&':
      if (a === false || b === false) return false;
      if (a === true && b === true) return true;
      break;
    case '||':
      if (a === true || b === true) return true;
      if (a === false && b === false) return false;
      break;
    case '??':
      if (a !== null && !(a instanceof Ref)) return a;
      if (a === null) return b;
      break;
    case '+':
    case '-':
    case '*':
    case '>':
    case '<':
    case '>=':
    case '<=':
      if (typeof a === 'number' && typeof b === 'number') {
        return { '+': a + b, '-': a - b, '*': a * b, '>': a > b, '<': a < b, '>=': a >= b, '<=': a <= b }[op];
      }
      break;
    default:
      break;
  }
  return new Ref(`(${render(a)} ${op} ${render(b)})`);
}

/** The few functions whose result is known offline; every other call stays a reference. */
export function builtin(name: string, args: Value[]): Value {
  const known = args.every((a) => !(a instanceof Ref));
  const [first, second] = args;
  if (known) {
    switch (name) {
      case 'union':
        if (args.every(isObjectValue)) return Object.assign({}, ...args) as { [key: string]: Value };
        if (args.every(Array.isArray)) return [...new Set((args as Value[][]).flat())];
        break;
      case 'concat':
        if (args.every(Array.isArray)) return (args as Value[][]).flat();
        if (args.every((a) => typeof a === 'string')) return args.join('');
        break;
      case 'empty':
        if (typeof first === 'string' || Array.isArray(first)) return first.length === 0;
        if (isObjectValue(first)) return Object.keys(first).length === 0;
        if (first === null) return true;
        break;
      case 'toLower':
        if (typeof first === 'string') return first.toLowerCase();
        break;
      case 'take':
        if (typeof first === 'string' && typeof second === 'number') return first.slice(0, second);
        break;
      default:
        break;
    }
  }
  return new Ref(`${name}(${args.map(render).join(', ')})`);
}

/** A parameter file value checked against the parameter's `@allowed`, length and range decorators. */
export function checked(decl: ParamDecl, value: Value, where: string): Value {
  for (const d of decl.decorators) {
    const arg = d.args[0];
    const literal = arg?.kind === 'number' ? arg.value : undefined;
    if (d.name === 'allowed' && arg?.kind === 'array') {
      const allowed = arg.items.map((i) => (i.kind === 'number' || i.kind === 'bool' ? i.value : plainText(i)));
      if (!allowed.includes(value as string)) throw new EvaluationError(`${where}: ${decl.name} must be one of ${allowed.join(', ')} (got ${render(value)})`);
    }
    if (typeof value === 'string' && literal !== undefined) {
      if (d.name === 'minLength' && value.length < literal) throw new EvaluationError(`${where}: ${decl.name} is shorter than ${literal}`);
      if (d.name === 'maxLength' && value.length > literal) throw new EvaluationError(`${where}: ${decl.name} is longer than ${literal}`);
    }
    if (typeof value === 'number' && literal !== undefined) {
      if (d.name === 'minValue' && value < literal) throw new EvaluationError(`${where}: ${decl.name} is below ${literal}`);
      if (d.name === 'maxValue' && value > literal) throw new EvaluationError(`${where}: ${decl.name} is above ${literal}`);
    }
  }
  return value;
}
