import { composeApi } from '../composition/compose-api.js';
import { httpHandlerOf } from './http-handler.js';

/** The console's and admins' API: every route group, people's tokens checked. */
export const handler = httpHandlerOf(composeApi(process.env));
