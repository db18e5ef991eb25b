import type { AdaptiveCard } from './renderCard';

/** A form shown again: values back in their inputs, problems beside them, a summary on top. */
export interface Fill {
  values: Readonly<Record<string, string>>;
  /** Input id → the problem, worded for the person. */
  problems: Readonly<Record<string, string>>;
  /**
   * Problems whose words stand on their own (a feature's sentence, not "fill in this field"): if
   * their input is not on the form they are said above it as they are.
   */
  standalone?: ReadonlySet<string>;
  summary: string;
  /** The heading when no field is marked (the refusal concerns the whole form). */
  summaryUnmarked: string;
  /** Problems that concern no input (worded). */
  general: readonly string[];
  /** Said in the summary for a problem whose input is not on the form (a tampered or older card). */
  unplaced: string;
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Element lists inside an element or a card (containers, columns, table cells, show-cards' cards). */
function childLists(node: Node): unknown[][] {
  const lists: unknown[][] = [];
  for (const key of ['body', 'items', 'columns', 'rows', 'cells', 'actions']) {
    const v = node[key];
    if (Array.isArray(v)) lists.push(v);
  }
  if (isNode(node.card)) lists.push([node.card]);
  return lists;
}

/** Every input of a card, wherever it sits (inside containers, columns and show-cards too). */
export function inputsOf(card: object): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown): void => {
    if (!isNode(node)) return;
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') found.push(node);
    for (const list of childLists(node)) list.forEach(walk);
  };
  walk(card);
  return found;
}

/** What the card calls the input, for the summary: its label (a toggle's title), never its id. */
function labelOf(input: Node): string | undefined {
  const label = typeof input.label === 'string' ? input.label : input.type === 'Input.Toggle' && typeof input.title === 'string' ? input.title : undefined;
  return label?.replace(/\*\*/g, '').replace(/[\s:*]+$/, '') || undefined;
}

/** Puts a submitted value back into its input, in the shape that input type takes. */
function putValue(input: Node, value: string): void {
  switch (input.type) {
    case 'Input.Number': {
      const n = Number(value.replace(',', '.'));
      if (value.trim() !== '' && Number.isFinite(n)) input.value = n;
      else delete input.value;
      return;
    }
    case 'Input.Date':
      // A date input shows only a calendar date; anything else typed is kept out of it.
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) input.value = value;
      return;
    case 'Input.Time':
      if (/^\d{2}:\d{2}$/.test(value)) input.value = value;
      return;
    default:
      input.value = value;
  }
}

function problemBlock(text: string): Node {
  return { type: 'TextBlock', text, wrap: true, color: 'Attention', size: 'Small', spacing: 'None' };
}

/**
 * The form again, as the person left it: each submitted value in its input, each problem in an
 * attention-coloured line right under its input, and a summary at the top that names the fields
 * by their labels (a field inside a collapsed show-card is then still found).
 */
export function fillForm(rendered: AdaptiveCard, fill: Fill): AdaptiveCard {
  const card = structuredClone(rendered);
  const placed = new Map<string, string | undefined>();
  const walkList = (list: unknown[]): void => {
    for (let i = 0; i < list.length; i++) {
      const node = list[i];
      if (!isNode(node)) continue;
      const id = typeof node.id === 'string' && typeof node.type === 'string' && node.type.startsWith('Input.') ? node.id : undefined;
      if (id !== undefined) {
        const value = fill.values[id];
        if (value !== undefined) putValue(node, value);
        const problem = fill.problems[id];
        if (problem !== undefined && !placed.has(id)) {
          placed.set(id, labelOf(node));
          list.splice(i + 1, 0, problemBlock(problem));
          i += 1;
        }
      }
      for (const child of childLists(node)) walkList(child);
    }
  };
  walkList([card]);

  const lines: string[] = [];
  const general = [...fill.general];
  let unplaced = false;
  for (const [id, problem] of Object.entries(fill.problems)) {
    if (placed.has(id)) {
      const label = placed.get(id);
      lines.push(label ? `**${label}**: ${problem}` : problem);
    } else if (fill.standalone?.has(id)) {
      // A refusal may name several inputs it could concern; said once, beside the one the form has.
      if (!Object.entries(fill.problems).some(([other, text]) => text === problem && placed.has(other)) && !general.includes(problem)) general.push(problem);
    } else {
      unplaced = true;
    }
  }
  if (unplaced) general.push(fill.unplaced);
  const summary: Node = {
    type: 'Container',
    style: 'attention',
    items: [
      { type: 'TextBlock', text: lines.length > 0 ? fill.summary : fill.summaryUnmarked, wrap: true, weight: 'Bolder' },
      ...[...general, ...lines].map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
    ],
  };
  card.body = [summary, ...(Array.isArray(card.body) ? card.body : [])];
  return card;
}

/**
 * Gives every Action.Execute of a `once` verb the form instance id `formId` (unless it has one):
 * a second press of this card is then known to be the same form.
 */
export function stampFormId(card: AdaptiveCard, onceVerbs: ReadonlySet<string>, formId: string): AdaptiveCard {
  let stamped = false;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isNode(node)) return;
    if (node.type === 'Action.Execute' && typeof node.verb === 'string' && onceVerbs.has(node.verb)) {
      const data = isNode(node.data) ? node.data : {};
      if (data.formId === undefined) {
        node.data = { ...data, formId };
        stamped = true;
      }
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  const copy = structuredClone(card);
  walk(copy);
  return stamped ? copy : card;
}
