import { basename } from 'node:path';
import { BicepSyntaxError, plainText, type BicepParser } from './bicep';
import { deploymentProblems, type Expectations } from './checks';
import { evaluateDeployment } from './deployment';
import { EvaluationError } from './errors';
import { parameterFileValues } from './functions';

/**
 * Checks the Bicep deployment offline, once per parameter file: parses every file, evaluates the
 * deployment with that file's values and reports every problem found, prefixed with the file.
 * An empty list means the infrastructure matches the code.
 */
export function checkInfra(
  parser: BicepParser,
  readFile: (path: string) => string,
  mainPath: string,
  parameterFiles: readonly string[],
  expect: Expectations,
): string[] {
  const problems: string[] = [];
  const guard = (where: string, work: () => void): void => {
    try {
      work();
    } catch (err) {
      if (err instanceof BicepSyntaxError || err instanceof EvaluationError || err instanceof SyntaxError) problems.push(`${where}: ${err.message}`);
      else throw err;
    }
  };
  guard(basename(mainPath), () => {
    const location = parser.parse(readFile(mainPath), mainPath).params.find((p) => p.name === 'location');
    if (plainText(location?.defaultValue) !== expect.region) problems.push(`${mainPath}: parameter location must default to '${expect.region}' (data stays in Sweden)`);
  });
  for (const file of parameterFiles) {
    guard(basename(file), () => {
      const deployment = evaluateDeployment(parser, readFile, mainPath, parameterFileValues(JSON.parse(readFile(file)), file));
      problems.push(...deploymentProblems(deployment, expect).map((p) => `${basename(file)}: ${p}`));
    });
  }
  return problems;
}
