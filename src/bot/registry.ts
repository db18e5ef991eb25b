import type { CommandHandler, CommandSpec, DownloadHandler, FeatureApp, InstallHandler, QuickAction } from '../kit/featureApp';
import type { DownloadPolicy } from '../links';
import type { VerbDef, VerbMap } from '../kit/verbs';
import type { DashboardProvider, DashboardSectionId } from '../kit/dashboard';

export type VerbRoute = VerbDef<unknown>;

/** A kind of download: its handler and what its links must be. */
export interface DownloadRoute {
  handler: DownloadHandler;
  policy: DownloadPolicy;
}

export interface CommandRoute {
  spec: CommandSpec;
  handler: CommandHandler;
}

/**
 * What the features registered. Each verb and each command word has exactly one handler, so
 * no route's position decides which one wins.
 */
export class FeatureRegistry implements FeatureApp {
  readonly verbs = new Map<string, VerbRoute>();
  /** Verbs that create or send something: their buttons carry a form instance id. */
  readonly onceVerbs = new Set<string>();
  readonly commands: CommandRoute[] = [];
  readonly quickActions: QuickAction[] = [];
  readonly downloads = new Map<string, DownloadRoute>();
  readonly installHandlers: InstallHandler[] = [];
  readonly startupTasks: (() => Promise<void>)[] = [];
  readonly dashboards = new Map<DashboardSectionId, DashboardProvider[]>();
  private readonly commandWords = new Map<string, CommandRoute>();

  addVerbs(map: VerbMap): void {
    for (const [verb, route] of Object.entries(map)) {
      if (this.verbs.has(verb)) throw new Error(`verb ${verb} registered twice`);
      this.verbs.set(verb, route as VerbRoute);
      if (route.once) this.onceVerbs.add(verb);
    }
  }

  command(spec: CommandSpec, handler: CommandHandler): void {
    const route = { spec, handler };
    for (const name of spec.names) {
      const key = normalise(name);
      if (this.commandWords.has(key)) throw new Error(`command word "${name}" registered twice`);
      this.commandWords.set(key, route);
    }
    this.commands.push(route);
  }

  quickAction(action: QuickAction): void {
    this.quickActions.push(action);
  }

  download(kind: string, handler: DownloadHandler, policy: DownloadPolicy = {}): void {
    if (this.downloads.has(kind)) throw new Error(`download ${kind} registered twice`);
    this.downloads.set(kind, { handler, policy });
  }

  installed(handler: InstallHandler): void {
    this.installHandlers.push(handler);
  }

  startup(task: () => Promise<void>): void {
    this.startupTasks.push(task);
  }

  dashboard(section: DashboardSectionId, provider: DashboardProvider): void {
    this.dashboards.set(section, [...(this.dashboards.get(section) ?? []), provider]);
  }

  /** Stops the start when a welcome or help button names a verb nothing handles. */
  checkQuickActions(): void {
    const unknown = this.quickActions.filter((a) => !this.verbs.has(a.verb)).map((a) => a.verb);
    if (unknown.length > 0) throw new Error(`quick actions name verbs without a handler: ${unknown.join(', ')}`);
  }

  /** The command a message starts with (longest matching name wins), and the rest as arguments. */
  findCommand(text: string): { route: CommandRoute; args: string } | undefined {
    const words = normalise(text).split(' ').filter((w) => w.length > 0);
    for (let n = Math.min(words.length, 4); n >= 1; n--) {
      const route = this.commandWords.get(words.slice(0, n).join(' '));
      if (route) return { route, args: text.trim().split(/\s+/).slice(n).join(' ') };
    }
    return undefined;
  }
}

function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
