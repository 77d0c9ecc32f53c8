import { composeVisitor } from '../composition/compose-visitor.js';
import { httpHandlerOf } from './http-handler.js';

/** The public /v1 paths: the app with only the visitor routes, so its bundle stays small. */
export const handler = httpHandlerOf(composeVisitor(process.env));
