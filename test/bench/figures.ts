/** One reported number, with the echo baseline and the target it is judged against. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The echo bot's figure measured in the same run, where one compares. */
  baseline?: number;
  /** `value / baseline`. */
  ratio?: number;
  /** The target in words, e.g. "≤ 1.5x echo", "< 250 ms". */
  target?: string;
  met?: boolean;
  note?: string;
  /** 1-minute load average when the figure was taken. */
  load: number;
}

/** A target a figure is judged against. */
export type Target =
  | { kind: 'ratioAtMost'; max: number }
  | { kind: 'atMost'; max: number }
  | { kind: 'below'; max: number }
  | { kind: 'atLeast'; min: number }
  | { kind: 'equals'; value: number };

export function judge(target: Target, value: number, ratio: number | undefined): { target: string; met: boolean } {
  switch (target.kind) {
    case 'ratioAtMost':
      return { target: `≤ ${target.max}x echo`, met: ratio !== undefined && ratio <= target.max };
    case 'atMost':
      return { target: `≤ ${target.max}`, met: value <= target.max };
    case 'below':
      return { target: `< ${target.max}`, met: value < target.max };
    case 'atLeast':
      return { target: `≥ ${target.min}`, met: value >= target.min };
    case 'equals':
      return { target: `= ${target.value}`, met: value === target.value };
  }
}

/** Collects figures as the run goes. */
export class Figures {
  readonly all: Figure[] = [];

  constructor(private readonly loadNow: () => number) {}

  add(
    section: string,
    name: string,
    value: number,
    unit: string,
    options: { baseline?: number | undefined; target?: Target; note?: string } = {},
  ): Figure {
    const ratio = options.baseline !== undefined && options.baseline > 0 ? value / options.baseline : undefined;
    const judged = options.target ? judge(options.target, value, ratio) : undefined;
    const figure: Figure = {
      section,
      name,
      value,
      unit,
      load: this.loadNow(),
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
      ...(ratio === undefined ? {} : { ratio }),
      ...(judged ?? {}),
      ...(options.note ? { note: options.note } : {}),
    };
    this.all.push(figure);
    return figure;
  }
}
