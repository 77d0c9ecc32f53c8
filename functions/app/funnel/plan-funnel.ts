import { type FunnelPlan, type FunnelPlanRequest, planFunnel as plan } from '../../core/funnel/plan-funnel.js';
import { DomainError } from '../errors.js';

/** The reverse funnel: how many deals, SQLs and MQLs a revenue target needs. */
export function planFunnel(request: FunnelPlanRequest): FunnelPlan {
  const result = plan(request);
  if (!result)
    throw new DomainError(
      'invalid',
      'Currencies differ',
      `The revenue target is in ${request.revenueTarget.currency} and the contract value in ${request.averageContractValue.currency}.`,
    );
  return result;
}
