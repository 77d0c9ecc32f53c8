// @aws-sdk/client-dynamodb in the visitor function's build: see on-first-send.js.
import { client, error } from './on-first-send.js';

export const DynamoDBClient = client('dynamodb', 'DynamoDBClient');
export const ConditionalCheckFailedException = error('ConditionalCheckFailedException');
