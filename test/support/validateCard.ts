/**
 * Validates a rendered card offline with the `adaptivecards` package (its dist build loads in Node
 * without a DOM): unknown elements, duplicate input ids and missing required properties are problems.
 */
// The package ships a UMD bundle without typings for this entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of adaptiveCard.validateProperties().validationEvents) problems.push(e.message);
  const json = JSON.stringify(card);
  const unbound = json.match(/\$\{[^}]*\}/g);
  if (unbound) problems.push(`unbound template expressions: ${[...new Set(unbound)].slice(0, 5).join(', ')}`);
  const version = (card as { version?: unknown }).version;
  if (version !== '1.5') problems.push(`version is ${String(version)}, expected 1.5`);
  return problems;
}
