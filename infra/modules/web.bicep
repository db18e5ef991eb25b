// The bot's web app: App Service on Linux with Node, HTTPS only, TLS 1.2+, started with node
// directly (signals reach the process), settings named as src/config.ts reads them.
param planName string
param siteName string
param location string
param sku string
param instanceCount int
param nodeVersion string

@description('Names of resources created by the other modules.')
param identityName string
param cosmosAccountName string
param cosmosDatabaseName string
param keyVaultName string
param botPasswordSecretName string
param appInsightsName string
param workspaceId string

param botAppType string
param botAppId string
param tenantId string
param allowedTenantIds string
param logLevel string
param directoryFile string
param tabClientId string
param calendarOrganizer string
param graphAppId string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|${nodeVersion}'
      appCommandLine: 'node --enable-source-maps dist/main.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
    }
  }
}

var baseSettings = {
  MICROSOFT_APP_ID: botAppId
  MICROSOFT_APP_TYPE: botAppType
  MICROSOFT_APP_TENANT_ID: tenantId
  ALLOWED_TENANT_IDS: allowedTenantIds
  COSMOS_ENDPOINT: cosmosAccount.properties.documentEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  AZURE_CLIENT_ID: identity.properties.clientId
  PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
  DEFAULT_LOCALE: 'sv'
  LOG_LEVEL: logLevel
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

// The client secret comes from Key Vault through the managed identity; with a managed-identity bot
// there is no secret at all.
var secretSettings = botAppType == 'SingleTenant' ? {
  MICROSOFT_APP_PASSWORD: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${botPasswordSecretName})'
} : {}

var directorySettings = empty(directoryFile) ? {} : {
  DIRECTORY_FILE: directoryFile
}

// The tab's single sign-on: without it the service uses the bot's own app registration.
var tabSettings = empty(tabClientId) ? {} : {
  TAB_CLIENT_ID: tabClientId
}
// Outlook calendars through Microsoft Graph: no secret in any setting. The managed identity signs
// in itself, or stands in for the app registration through a federated credential.
var calendarSettings = empty(calendarOrganizer) ? {} : union({
  CALENDAR_ORGANIZER: calendarOrganizer
  GRAPH_TENANT_ID: tenantId
}, empty(graphAppId) ? {} : {
  GRAPH_CLIENT_ID: graphAppId
})

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, secretSettings, directorySettings, tabSettings, calendarSettings)
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output siteName string = site.name
output hostName string = site.properties.defaultHostName
