import type { Playbook } from './playbook.js';

export interface PlaybookContext {
  path: string | null;
  utmSource: string | null;
  returning: boolean;
  businessHours: boolean;
  accountTier: string | null;
}

/** The first playbook whose every targeting criterion holds; the fallback when none does. */
export function choosePlaybook(playbooks: readonly Playbook[], fallback: Playbook, context: PlaybookContext): Playbook {
  return (
    playbooks.find(({ targeting }) => {
      if (!targeting) return true;
      if (
        targeting.pathContains &&
        !targeting.pathContains.some((part) => context.path?.toLowerCase().includes(part.toLowerCase()))
      )
        return false;
      if (
        targeting.utmSources &&
        !targeting.utmSources.some((source) => source.toLowerCase() === context.utmSource?.toLowerCase())
      )
        return false;
      if (targeting.visitor && (targeting.visitor === 'returning') !== context.returning) return false;
      if (targeting.businessHours !== undefined && targeting.businessHours !== context.businessHours) return false;
      if (targeting.accountTiers && !targeting.accountTiers.includes(context.accountTier ?? '')) return false;
      return true;
    }) ?? fallback
  );
}
