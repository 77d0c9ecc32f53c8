// @aws-sdk/lib-dynamodb in the visitor function's build: see on-first-send.ts. The real document client is
// made on the first send, around the real DynamoDB client, with the translation options it was given.
import type { DynamoDBClient } from './client-dynamodb.js';
import { command, type HeldCommand, real } from './on-first-send.js';

interface RealDocumentClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

export class DynamoDBDocumentClient {
  #made: RealDocumentClient | undefined;
  static from(client: InstanceType<typeof DynamoDBClient>, translateConfig?: unknown): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(client, translateConfig);
  }
  private constructor(
    private readonly client: InstanceType<typeof DynamoDBClient>,
    private readonly translateConfig: unknown,
  ) {}
  async send(sent: HeldCommand, options?: unknown): Promise<unknown> {
    const [client, document] = await Promise.all([this.client.made(), real('document')]);
    this.#made ??= (
      document.DynamoDBDocumentClient as unknown as { from(client: unknown, config: unknown): RealDocumentClient }
    ).from(client, this.translateConfig);
    return this.#made.send(new document[sent.commandName]!(sent.input), options);
  }
}

export const BatchGetCommand = command('BatchGetCommand');
export const BatchWriteCommand = command('BatchWriteCommand');
export const DeleteCommand = command('DeleteCommand');
export const GetCommand = command('GetCommand');
export const PutCommand = command('PutCommand');
export const QueryCommand = command('QueryCommand');
export const UpdateCommand = command('UpdateCommand');
