// Production deployment of the Länsledning Välfärd bot into one resource group:
// web app (App Service on Linux, Node 20), Azure Bot with the Teams channel, Cosmos DB for NoSQL
// (serverless), a user-assigned managed identity, Key Vault and Application Insights.
// Every regional resource goes to `location` (Sweden Central by default), so the data stays in Sweden.
// See docs/deploy.md for the commands.
targetScope = 'resourceGroup'

@description('Start of every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(9)
param baseName string = 'lvbot'

@description('Which environment this is; part of every resource name.')
@allowed([
  'test'
  'prod'
])
param environmentName string

@description('Region of every regional resource. Sweden Central keeps the data in Sweden.')
param location string = 'swedencentral'

@description('How the bot proves its identity to Bot Framework: an app registration with a client secret kept in Key Vault (SingleTenant), or the managed identity itself (UserAssignedMSI).')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('Application (client) id of the bot\'s app registration. SingleTenant only.')
param botAppId string = ''

@secure()
@description('Client secret of the bot\'s app registration, stored in Key Vault. SingleTenant only; give it on the command line, never in a parameter file.')
param botAppPassword string = ''

@description('Microsoft Entra tenant of the bot and of its Teams users.')
param tenantId string = tenant().tenantId

@description('Tenants whose Teams users the bot answers, comma separated.')
param allowedTenantIds string = tenantId

@description('App Service plan SKU. P0v3 or larger for production (always on, scale out, zone redundancy from P1v3).')
param appServiceSku string = 'P0v3'

@description('Number of web app instances. More than one is safe: outbox and scheduler claim work with leases in Cosmos DB.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Node.js runtime of the web app.')
@allowed([
  '20-lts'
  '22-lts'
])
param nodeVersion string = '20-lts'

@description('Azure Bot SKU: F0 (free, limited premium channel messages) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Name of the Cosmos DB database.')
param cosmosDatabaseName string = 'lansledning'

@description('Log level of the bot.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

@description('Tags on every resource.')
param tags object = {}

@description('Where App Service finds the directory file (DIRECTORY_FILE), relative to the app; empty for none.')
param directoryFile string = ''

@description('Client id of the app registration the Teams tab "Översikt" signs in to (it exposes api://<host>/<client id> with the scope access_as_user). Empty: the bot\'s own registration (SingleTenant); a managed-identity bot needs one made for the tab.')
param tabClientId string = ''
@description('Mailbox that organizes the meetings in Outlook (a shared mailbox of Länsledning); empty keeps the link field and the .ics file. See docs/deploy.md for the admin steps first.')
param calendarOrganizer string = ''

@description('Application (client) id of the app registration that holds the Graph permissions and trusts the managed identity through a federated credential; empty: the managed identity holds the permissions itself.')
param graphAppId string = ''

var useManagedIdentityForBot = botAppType == 'UserAssignedMSI'
var botPasswordSecretName = 'bot-app-password'
var suffix = take(uniqueString(subscription().id, resourceGroup().id, environmentName), 6)
var prefix = '${baseName}-${environmentName}'
var allTags = union(tags, {
  application: 'lansledning-valfard-bot'
  environment: environmentName
})

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${prefix}-id'
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${prefix}-logs'
    appInsightsName: '${prefix}-appi'
    location: location
    tags: allTags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${prefix}-cosmos-${suffix}'
    databaseName: cosmosDatabaseName
    location: location
    dataPrincipalId: identity.outputs.principalId
    tags: allTags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: 'kv-${prefix}-${suffix}'
    location: location
    secretReaderPrincipalId: identity.outputs.principalId
    storeBotPassword: !useManagedIdentityForBot
    botPasswordSecretName: botPasswordSecretName
    botAppPassword: botAppPassword
    tags: allTags
  }
}

module web 'modules/web.bicep' = {
  name: 'web'
  params: {
    planName: '${prefix}-plan'
    siteName: '${prefix}-app-${suffix}'
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    nodeVersion: nodeVersion
    identityName: identity.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabaseName: cosmos.outputs.databaseName
    keyVaultName: keyVault.outputs.name
    botPasswordSecretName: botPasswordSecretName
    appInsightsName: monitoring.outputs.appInsightsName
    workspaceId: monitoring.outputs.workspaceId
    botAppType: botAppType
    botAppId: useManagedIdentityForBot ? identity.outputs.clientId : botAppId
    tenantId: tenantId
    allowedTenantIds: allowedTenantIds
    logLevel: logLevel
    directoryFile: directoryFile
    tabClientId: tabClientId
    calendarOrganizer: calendarOrganizer
    graphAppId: graphAppId
    tags: allTags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${prefix}-bot-${suffix}'
    sku: botSku
    messagingEndpoint: 'https://${web.outputs.hostName}/api/messages'
    appType: botAppType
    appId: useManagedIdentityForBot ? identity.outputs.clientId : botAppId
    tenantId: tenantId
    identityResourceId: useManagedIdentityForBot ? identity.outputs.id : ''
    tags: allTags
  }
}

@description('Host name of the web app: BOT_DOMAIN of the Teams app package.')
output appHostName string = web.outputs.hostName

@description('Bot Framework app id: BOT_ID of the Teams app package.')
output botAppId string = useManagedIdentityForBot ? identity.outputs.clientId : botAppId

@description('Name of the web app, for the zip deployment.')
output webAppName string = web.outputs.siteName

@description('The messaging endpoint registered with Azure Bot.')
output messagingEndpoint string = bot.outputs.messagingEndpoint

@description('Cosmos DB endpoint the bot uses with its managed identity.')
output cosmosEndpoint string = cosmos.outputs.endpoint
