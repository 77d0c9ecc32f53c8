import { composeApi } from '../composition/compose-api.js';
import { httpHandlerOf } from './http-handler.js';
import { instrumentsOf, observed } from './observed.js';

/** The console's and admins' API: every route group, people's tokens checked; traced and measured. */
export const handler = observed(instrumentsOf(), httpHandlerOf(composeApi(process.env)));
