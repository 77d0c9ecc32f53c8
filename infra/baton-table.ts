import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition } from '../functions/adapters/dynamodb/table-definition.js';

/** The DynamoDB table built from the same definition the local runtime creates in the embedded store. */
export class BatonTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { retain?: boolean } = {}) {
    super(scope, id);
    const retain = props.retain ?? true;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      // The outbox: committed writes reach the event consumers through the stream.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // A stage that keeps its data also refuses to delete the table by accident.
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }
}

/**
 * Grants exactly these DynamoDB actions (names without the `dynamodb:` prefix) on the table and, for
 * queries, on each named index: no `index/*` wildcard, no action a function's code does not send.
 */
export function grantTableActions(table: ITable, grantee: IGrantable, actions: readonly string[]): void {
  const indexes = actions.includes('Query')
    ? tableDefinition.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`)
    : [];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: actions.map((action) => `dynamodb:${action}`),
      resources: [table.tableArn, ...indexes],
    }),
  );
}
