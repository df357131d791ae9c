import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { check as bigqueryDatasetPublic } from './bigquery-dataset-public.js';
import { check as computeDefaultSaFullAccess } from './compute-default-sa-full-access.js';
import { check as computeDiskCmek } from './compute-disk-cmek.js';
import { check as computeIpForwarding } from './compute-ip-forwarding.js';
import { check as computeOsLoginDisabled } from './compute-os-login-disabled.js';
import { check as computeProjectSshKeys } from './compute-project-ssh-keys.js';
import { check as computeSerialPortEnabled } from './compute-serial-port-enabled.js';
import { check as computeShieldedVm } from './compute-shielded-vm.js';
import { check as dnsDnssecDisabled } from './dns-dnssec-disabled.js';
import { check as dnsDnssecRsasha1 } from './dns-dnssec-rsasha1.js';
import { check as firewallAllPortsOpen } from './firewall-all-ports-open.js';
import { check as firewallRdpOpen } from './firewall-rdp-open.js';
import { check as firewallSshOpen } from './firewall-ssh-open.js';
import { check as gkeBasicAuth } from './gke-basic-auth.js';
import { check as gkeClientCertificate } from './gke-client-certificate.js';
import { check as gkeLegacyAbac } from './gke-legacy-abac.js';
import { check as gkeLegacyMetadataEndpoints } from './gke-legacy-metadata-endpoints.js';
import { check as gkeMasterAuthorizedNetworks } from './gke-master-authorized-networks.js';
import { check as gkeNetworkPolicy } from './gke-network-policy.js';
import { check as gkeNodeAutoRepair } from './gke-node-auto-repair.js';
import { check as gkeNodeAutoUpgrade } from './gke-node-auto-upgrade.js';
import { check as gkePrivateNodes } from './gke-private-nodes.js';
import { check as gkeShieldedNodes } from './gke-shielded-nodes.js';
import { check as gkeWorkloadIdentity } from './gke-workload-identity.js';
import { check as iamPrimitiveRole } from './iam-primitive-role.js';
import { check as iamPublicMember } from './iam-public-member.js';
import { check as iamServiceAccountKey } from './iam-service-account-key.js';
import { check as kmsKeyRotation } from './kms-key-rotation.js';
import { check as pubsubTopicCmek } from './pubsub-topic-cmek.js';
import { check as sqlBackupsDisabled } from './sql-backups-disabled.js';
import { check as sqlDeletionProtection } from './sql-deletion-protection.js';
import { check as sqlInsecureDatabaseFlags } from './sql-insecure-database-flags.js';
import { check as sqlPostgresLogFlags } from './sql-postgres-log-flags.js';
import { check as sqlPublicAuthorizedNetwork } from './sql-public-authorized-network.js';
import { check as sqlSslNotRequired } from './sql-ssl-not-required.js';
import { check as storageBucketLogging } from './storage-bucket-logging.js';
import { check as storageBucketPublic } from './storage-bucket-public.js';
import { check as storageBucketUniformAccess } from './storage-bucket-uniform-access.js';
import { check as storageBucketVersioning } from './storage-bucket-versioning.js';

/** Terraform checks for gcp, sorted by id (one file per check in this folder; `support*.ts` are helpers). */
export const GCP_CHECKS: readonly IacCheck<TfProject>[] = [
  bigqueryDatasetPublic,
  computeDefaultSaFullAccess,
  computeDiskCmek,
  computeIpForwarding,
  computeOsLoginDisabled,
  computeProjectSshKeys,
  computeSerialPortEnabled,
  computeShieldedVm,
  dnsDnssecDisabled,
  dnsDnssecRsasha1,
  firewallAllPortsOpen,
  firewallRdpOpen,
  firewallSshOpen,
  gkeBasicAuth,
  gkeClientCertificate,
  gkeLegacyAbac,
  gkeLegacyMetadataEndpoints,
  gkeMasterAuthorizedNetworks,
  gkeNetworkPolicy,
  gkeNodeAutoRepair,
  gkeNodeAutoUpgrade,
  gkePrivateNodes,
  gkeShieldedNodes,
  gkeWorkloadIdentity,
  iamPrimitiveRole,
  iamPublicMember,
  iamServiceAccountKey,
  kmsKeyRotation,
  pubsubTopicCmek,
  sqlBackupsDisabled,
  sqlDeletionProtection,
  sqlInsecureDatabaseFlags,
  sqlPostgresLogFlags,
  sqlPublicAuthorizedNetwork,
  sqlSslNotRequired,
  storageBucketLogging,
  storageBucketPublic,
  storageBucketUniformAccess,
  storageBucketVersioning,
];
