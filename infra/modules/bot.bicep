// Azure Bot with the Microsoft Teams channel, pointing at the web app's /api/messages.
param name string
param sku string
param messagingEndpoint string

@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param appType string

param appId string
param tenantId string

@description('Resource id of the managed identity when appType is UserAssignedMSI.')
param identityResourceId string

param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'Länsledning Välfärd'
    description: 'Kallelser, ärenden, beslut och remisser för Länsledning Välfärd i Gävleborgs län.'
    endpoint: messagingEndpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityResourceId : null
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output name string = bot.name
output messagingEndpoint string = bot.properties.endpoint
