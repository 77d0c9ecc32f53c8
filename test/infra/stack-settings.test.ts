import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateOf } from '../support/infra-template.js';

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

describe('settings of the stack per stage: sign-in, data keeping and tags', () => {
  let throwAway: Template;
  let keeping: Template;
  beforeAll(() => {
    throwAway = templateOf({ retainData: false }, 'dev');
    keeping = templateOf({ retainData: true }, 'prod');
  }, 180_000);

  const only = (template: Template, type: string) => {
    const found = Object.values(template.findResources(type)) as Resource[];
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };

  it('signs staff in with a 12-character password of four kinds, MFA by app required, and no self sign-up', () => {
    const pool = only(throwAway, 'AWS::Cognito::UserPool').Properties;

    expect(pool.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
    });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
  });

  it("lets the console sign in only with the authorization code flow (no implicit flow), back to the console's own address", () => {
    const client = only(throwAway, 'AWS::Cognito::UserPoolClient').Properties;

    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret ?? false).toBe(false);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    // The callback is the distribution's (or custom domain's) /admin/, never CDK's https://example.com.
    const callbacks = JSON.stringify(client.CallbackURLs);
    expect(callbacks).not.toContain('example.com');
    expect(callbacks).toContain('/admin/');
    expect(client.LogoutURLs).toEqual(client.CallbackURLs);
  });

  it('protects a keeping stage’s table from deletion and keeps it and the user pool on teardown; a throw-away stage deletes both', () => {
    const keptTable = only(keeping, 'AWS::DynamoDB::Table');
    const droppedTable = only(throwAway, 'AWS::DynamoDB::Table');

    expect(keptTable.Properties.DeletionProtectionEnabled).toBe(true);
    expect([keptTable.DeletionPolicy, keptTable.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(droppedTable.Properties.DeletionProtectionEnabled).toBe(false);
    expect(droppedTable.DeletionPolicy).toBe('Delete');
    expect(only(keeping, 'AWS::Cognito::UserPool').DeletionPolicy).toBe('Retain');
    expect(only(throwAway, 'AWS::Cognito::UserPool').DeletionPolicy).toBe('Delete');
    for (const table of [keptTable, droppedTable])
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('tags what it makes with the app and the stage', () => {
    keeping.hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: Match.arrayWith([
        { Key: 'app', Value: 'baton' },
        { Key: 'stage', Value: 'prod' },
      ]),
    });
    const functions = Object.values(throwAway.findResources('AWS::Lambda::Function')) as Resource[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions)
      expect(fn.Properties.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'app', Value: 'baton' },
          { Key: 'stage', Value: 'dev' },
        ]),
      );
  });

  it('runs every Baton function on Node 22 or newer', () => {
    const functions = Object.values(throwAway.findResources('AWS::Lambda::Function')) as Resource[];
    const runtimes = new Set(
      functions
        // CDK's own helper functions (log retention, bucket deployment) are not Baton's code.
        .filter(
          (fn) =>
            fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME ||
            fn.Properties.Environment?.Variables?.BATON_TABLE_NAME,
        )
        .map((fn) => fn.Properties.Runtime as string),
    );
    expect(runtimes.size).toBeGreaterThan(0);
    for (const runtime of runtimes) expect(Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1])).toBeGreaterThanOrEqual(22);
  });
});
