// Cosmos DB for NoSQL, serverless, with the bot's database and containers. Only Microsoft Entra
// tokens are accepted (local auth off): the bot's managed identity gets the built-in data
// contributor role, and no account key exists in any app setting.
param accountName string
param databaseName string
param location string

@description('Principal id of the managed identity that reads and writes the data.')
param dataPrincipalId string

param tags object

// The containers of src/store/containers.ts with their partition key paths. The infra test fails
// when these and the code differ.
var containers = [
  {
    name: 'directory'
    partitionKey: '/pk'
  }
  {
    name: 'meetings'
    partitionKey: '/pk'
  }
  {
    name: 'cases'
    partitionKey: '/pk'
  }
  {
    name: 'dissemination'
    partitionKey: '/pk'
  }
  {
    name: 'jobs'
    partitionKey: '/pk'
  }
  {
    name: 'inbox'
    partitionKey: '/pk'
  }
]

// Cosmos DB Built-in Data Contributor (data plane: items and queries, no control plane).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: 240
        backupRetentionIntervalInHours: 168
        backupStorageRedundancy: 'Local'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: {
          paths: [
            c.partitionKey
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, dataPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: dataPrincipalId
    scope: account.id
  }
}

output accountName string = account.name
output databaseName string = database.name
output endpoint string = account.properties.documentEndpoint
