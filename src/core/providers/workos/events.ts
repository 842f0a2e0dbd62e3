/**
 * WorkOS's event types: the `event` names of the Event union that
 * @workos-inc/node 12.3.0 declares (the same stream feeds webhooks and the
 * Events API; https://workos.com/docs/events lists them by product).
 */
const TYPES = `action.authentication.denied action.user_registration.denied
agent.blueprint.created agent.blueprint.deleted agent.blueprint.updated agent.instance.created agent.instance.deleted
agent.instance.session.created agent.instance.session.revoked agent.registration.claim.attempt.created
agent.registration.claim.completed agent.registration.created agent.registration.credential.issued
agent.registration.deleted agent.registration.expired agent.registration.organization.switched
agent.registration.refreshed agent.registration.revoked
api_key.created api_key.revoked api_key.updated
authentication.email_verification_failed authentication.email_verification_succeeded authentication.magic_auth_failed
authentication.magic_auth_succeeded authentication.mfa_failed authentication.mfa_succeeded authentication.oauth_failed
authentication.oauth_succeeded authentication.passkey_failed authentication.passkey_succeeded
authentication.password_failed authentication.password_succeeded authentication.radar_risk_detected
authentication.reauthentication_succeeded authentication.sso_failed authentication.sso_started
authentication.sso_succeeded authentication.sso_timed_out
connection.activated connection.deactivated connection.deleted connection.saml_certificate_renewal_required
connection.saml_certificate_renewed
dsync.activated dsync.deleted dsync.group.created dsync.group.deleted dsync.group.updated dsync.group.user_added
dsync.group.user_removed dsync.token.created dsync.token.revoked dsync.user.created dsync.user.deleted dsync.user.updated
email_verification.created
feature_flags.flag.created feature_flags.flag.deleted feature_flags.flag.updated feature_flags.flag_rule.created
feature_flags.flag_rule.deleted feature_flags.flag_rule.updated feature_flags.flag_target.created
feature_flags.flag_target.deleted
flag.created flag.deleted flag.rule_updated flag.updated
group.created group.deleted group.member_added group.member_removed group.updated
invitation.accepted invitation.created invitation.resent invitation.revoked
magic_auth.created
organization.created organization.deleted organization.updated
organization_domain.created organization_domain.deleted organization_domain.updated
organization_domain.verification_failed organization_domain.verified
organization_membership.created organization_membership.deleted organization_membership.updated
organization_role.created organization_role.deleted organization_role.updated
password_reset.created password_reset.succeeded
permission.created permission.deleted permission.updated
pipes.account_connection.add_failed pipes.account_connection.connected pipes.account_connection.connection_failed
pipes.account_connection.disconnected pipes.account_connection.reauthorization_needed
pipes.connected_account.connected pipes.connected_account.connection_failed pipes.connected_account.disconnected
pipes.connected_account.reauthorization_needed
radar.challenge_created
resource_export.completed resource_export.created resource_export.downloaded resource_export.failed
role.created role.deleted role.updated
session.created session.revoked
user.created user.deleted user.updated
vault.byok_key.deleted vault.byok_key.verification_completed vault.data.created vault.data.deleted vault.data.read
vault.data.updated vault.dek.decrypted vault.dek.read vault.dek.rekeyed vault.kek.created vault.kek.deleted
vault.metadata.read vault.names.listed
waitlist_user.approved waitlist_user.created waitlist_user.denied`.split(/\s+/);

/** What each resource is called in a description. */
const SUBJECTS: Record<string, string> = {
  action: 'An Action',
  agent: 'An agent',
  api_key: 'An API key',
  authentication: 'An authentication',
  connection: 'An SSO connection',
  dsync: 'A directory',
  'dsync.group': 'A directory group',
  'dsync.user': 'A directory user',
  'dsync.token': 'A directory sync token',
  email_verification: 'An email verification',
  feature_flags: 'A feature flag',
  flag: 'A feature flag',
  group: 'A group',
  invitation: 'An invitation',
  magic_auth: 'A Magic Auth code',
  organization: 'An organization',
  organization_domain: 'An organization domain',
  organization_membership: 'An organization membership',
  organization_role: 'An organization role',
  password_reset: 'A password reset',
  permission: 'A permission',
  pipes: 'Pipes',
  radar: 'Radar',
  resource_export: 'A resource export',
  role: 'A role',
  session: 'A session',
  user: 'A user',
  vault: 'A Vault object',
  waitlist_user: 'A waitlist user',
};

function describe(type: string): string {
  const parts = type.split('.');
  const action = parts.pop()!.replace(/_/g, ' ');
  const subject = SUBJECTS[parts.join('.')] ?? SUBJECTS[parts[0]];
  const detail =
    parts.length > 1 && SUBJECTS[parts.join('.')] === undefined
      ? ` (${parts.slice(1).join(' ').replace(/_/g, ' ')})`
      : '';
  return `${subject}${detail}: ${action}.`;
}

export const WORKOS_EVENTS: Record<string, string> = Object.fromEntries(TYPES.map((t) => [t, describe(t)]));
