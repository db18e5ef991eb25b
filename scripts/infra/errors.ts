/** An expression the offline evaluation cannot follow (unknown name, missing module parameter…). */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}
