import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from './table-definition.js';

/** Creates the table when it is missing and waits until it is active. For the local runtime and tests; CDK owns the table in AWS. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const wanted = createTableInput(tableName);
  try {
    await client.send(new CreateTableCommand(wanted));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') {
        // The embedded store cannot add an index to an existing table, so say plainly what to do.
        const missing = wanted.GlobalSecondaryIndexes!.find(
          (index) => !Table.GlobalSecondaryIndexes?.some((existing) => existing.IndexName === index.IndexName),
        );
        if (missing)
          throw new Error(
            `The table "${tableName}" lacks the "${missing.IndexName}" index (it was made by an older Baton): move the data folder away to start fresh.`,
          );
        return;
      }
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become active`);
}
