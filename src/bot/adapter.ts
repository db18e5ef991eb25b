import type { Activity, ConfigurationBotFrameworkAuthenticationOptions, InvokeResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import type { Config } from '../config';

/** The Teams adapter, with a turn entry that takes a request authenticated beforehand. */
export class BotAdapter extends TeamsAdapter {
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The Bot Framework adapter. With an app id, incoming requests must carry a valid Bot Framework
 * token; the OpenID metadata and issuer can be pointed elsewhere (tests serve their own keys).
 */
export function createAdapter(config: Config): BotAdapter {
  return new BotAdapter(authOptions(config));
}

export function authOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const auth = config.auth;
  if (!auth.enabled) return {};
  const options: Record<string, string> = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
  };
  if (auth.appPassword) options.MicrosoftAppPassword = auth.appPassword;
  if (auth.appTenantId) options.MicrosoftAppTenantId = auth.appTenantId;
  if (auth.openIdMetadataUrl || auth.tokenIssuer) {
    // Setting any endpoint makes botbuilder take all of them as given: start from the public cloud's.
    Object.assign(options, {
      ValidateAuthority: 'true',
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: auth.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    });
  }
  return options;
}
