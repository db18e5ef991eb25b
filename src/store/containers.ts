/**
 * The Cosmos DB containers and their partition key paths. The one place both the code and the
 * infrastructure check (infra/) read them from.
 */
export const CONTAINERS = {
  directory: { partitionKey: '/pk' },
  meetings: { partitionKey: '/pk' },
  cases: { partitionKey: '/pk' },
  dissemination: { partitionKey: '/pk' },
  jobs: { partitionKey: '/pk' },
  inbox: { partitionKey: '/pk' },
} as const;

export type ContainerName = keyof typeof CONTAINERS;

export const CONTAINER_NAMES = Object.keys(CONTAINERS) as ContainerName[];
