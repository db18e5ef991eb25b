// Key Vault for the bot's client secret. RBAC only; the managed identity may read secrets, and the
// web app reads the secret through a Key Vault reference (no secret value in any app setting).
param name string
param location string

@description('Principal id of the managed identity that reads the secret.')
param secretReaderPrincipalId string

@description('Store the bot\'s client secret (SingleTenant); false with a managed-identity bot.')
param storeBotPassword bool

param botPasswordSecretName string

@secure()
param botAppPassword string

param tags object

// Key Vault Secrets User.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botPassword 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (storeBotPassword) {
  parent: vault
  name: botPasswordSecretName
  properties: {
    value: botAppPassword
    contentType: 'Bot Framework client secret'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, secretReaderPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: secretReaderPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
