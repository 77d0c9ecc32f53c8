// @aws-sdk/lib-dynamodb in the visitor function's build: see on-first-send.ts. The real document client is
// made on the first send, around the real DynamoDB client, with the translation options it was given, and tuned
// as createDocumentClient asks (`whenMade`).
import type { DynamoDBClient } from './client-dynamodb.js';
import { command, type HeldCommand, real } from './on-first-send.js';

interface RealDocumentClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/** What the real document client is given to be tuned with when made (createDocumentClient's tuning). */
type Tune = (client: never, made: never, DocumentClient: never) => void | Promise<void>;

export class DynamoDBDocumentClient {
  #made: Promise<RealDocumentClient> | undefined;
  #tune: Tune | undefined;
  static from(client: InstanceType<typeof DynamoDBClient>, translateConfig?: unknown): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(client, translateConfig);
  }
  private constructor(
    private readonly client: InstanceType<typeof DynamoDBClient>,
    private readonly translateConfig: unknown,
  ) {}
  /** Has the real document client, when made, tuned as the other functions' are (createDocumentClient). */
  whenMade(tune: Tune): void {
    this.#tune = tune;
  }
  /** The real document client, made (and tuned) on the first call. */
  made(): Promise<RealDocumentClient> {
    if (!this.#made) {
      const making = Promise.all([this.client.made(), real('document')]).then(async ([client, document]) => {
        const DocumentClient = document.DynamoDBDocumentClient as unknown as {
          from(client: unknown, config: unknown): RealDocumentClient;
        };
        const made = DocumentClient.from(client, this.translateConfig);
        await this.#tune?.(client as never, made as never, DocumentClient as never);
        return made;
      });
      this.#made = making;
      // A failed read is tried again by the next send.
      making.catch(() => {
        if (this.#made === making) this.#made = undefined;
      });
    }
    return this.#made;
  }
  async send(sent: HeldCommand, options?: unknown): Promise<unknown> {
    const [made, document] = await Promise.all([this.made(), real('document')]);
    return made.send(new document[sent.commandName]!(sent.input), options);
  }
}

export const BatchGetCommand = command('BatchGetCommand');
export const BatchWriteCommand = command('BatchWriteCommand');
export const DeleteCommand = command('DeleteCommand');
export const GetCommand = command('GetCommand');
export const PutCommand = command('PutCommand');
export const QueryCommand = command('QueryCommand');
export const UpdateCommand = command('UpdateCommand');
