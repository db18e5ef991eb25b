import type { Locale } from '../config';
import type { Logger } from '../log';
import type { ConversationKind, Member, Role } from '../directory/model';
import type { DownloadPolicy } from '../links';
import type { Stored } from '../store/types';
import type { DashboardProvider, DashboardSectionId } from './dashboard';
import type { VerbMap } from './verbs';

/** The person who acted, from the activity (never from card data), with their directory entry. */
export interface Actor {
  aadObjectId: string;
  name: string;
  locale: Locale;
  /** Undefined when the person is not in the directory. */
  member: Stored<Member> | undefined;
}

/** Where the activity came from. */
export interface ConversationInfo {
  /** Stable key of the conversation document (see directory). */
  key: string;
  kind: ConversationKind;
  conversationId: string;
  tenantId: string | null;
  teamId: string | null;
}

export interface TurnInfo {
  actor: Actor;
  conversation: ConversationInfo;
  activityId: string;
  /** Action.Execute: the message that holds the card. */
  replyToId: string | undefined;
  /**
   * The form instance a card action came from (the `formId` its card was rendered with), or, for
   * a card without one, a key made from the card's message: the same for every press of one form.
   */
  formKey?: string;
  now: Date;
  /** Ties this turn's log lines to an error shown to the person (the card names it). */
  reference: string;
  /**
   * The turn's logger: every line already carries the verb (or command), the acting person's
   * pseudonym and the reference, so handlers log only what is theirs (ids, counts, outcomes).
   */
  log: Logger;
}

/** What the bot shows: a card template with data (rendered in the actor's locale), or plain text. */
export type Reply = { card: string; data: object; fill?: FormFill } | { text: string };

/**
 * A form shown again after a refusal: the values put back into its inputs, each problem (already
 * worded) beside its input, and the summary above the form. Set by the kit, never by a handler.
 */
export interface FormFill {
  values: Readonly<Record<string, string>>;
  problems: Readonly<Record<string, string>>;
  /** Problems whose words stand on their own (said above the form when their input is not on it). */
  standalone: readonly string[];
  /** Heading of the summary at the top ("Nothing was saved…"), with fields marked and without. */
  summary: string;
  summaryUnmarked: string;
  /** Problems that concern no input of the form (a tampered card, a refusal of the whole form). */
  general: readonly string[];
}

export type VerbHandler<T> = (turn: TurnInfo, data: T) => Promise<Reply>;

export interface CommandSpec {
  /** The words that start the command, Swedish and English (`ärende`, `case`); matched case-insensitively. */
  names: string[];
  /** Shown in help as `names[0]` (sv) or the English name (en). */
  display: Record<Locale, string>;
  description: Record<Locale, string>;
  /** Who sees it in help; the handler still checks permissions itself. */
  roles: readonly Role[] | 'everyone';
}

export type CommandHandler = (turn: TurnInfo, args: string) => Promise<Reply[]>;

/** A button for the welcome and help cards; its verb must be registered (checked at start). */
export interface QuickAction {
  verb: string;
  title: Record<Locale, string>;
  roles: readonly Role[] | 'everyone';
}

/** A file served by the bot behind a signed, expiring link (.ics, CSV exports). */
export interface Download {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

export type DownloadHandler = (params: Record<string, string>) => Promise<Download | undefined>;

/** Called once for each conversation the bot is added to, after the welcome was decided. */
export type InstallHandler = (turn: TurnInfo) => Promise<void>;

/**
 * What a feature registers with the bot. Features never see Bot Framework types: the bot
 * assembly (src/bot) implements this and maps activities to these calls. Features own this kit;
 * the bot imports no feature.
 */
export interface FeatureApp {
  /** Card actions, as verb maps (see `defineVerbs`); a verb registered twice stops the start. */
  addVerbs(map: VerbMap): void;
  command(spec: CommandSpec, handler: CommandHandler): void;
  quickAction(action: QuickAction): void;
  /**
   * A file behind a signed link (`deps.links.url`, or `deps.links.once` for a link that works
   * once). The policy is checked on every download, whatever the link says: a data export's
   * `once`, a CSV file's `maxAgeMs` of at most a day.
   */
  download(kind: string, handler: DownloadHandler, policy?: DownloadPolicy): void;
  /** Runs once per conversation the bot is added to (personal, group chat, team). */
  installed(handler: InstallHandler): void;
  /** Work to do once at start, after every feature has registered (e.g. making sure yearly jobs exist). */
  startup(task: () => Promise<void>): void;
  /**
   * Tables and charts for a section of the tab ("Översikt"); several features may fill the same
   * section (the year's attendance from meetings, its acknowledgements from dissemination), shown in
   * the order they registered.
   */
  dashboard(section: DashboardSectionId, provider: DashboardProvider): void;
}
