import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { check as acrAdminEnabled } from './acr-admin-enabled.js';
import { check as acrPublicNetworkAccess } from './acr-public-network-access.js';
import { check as aksApiServerAuthorizedIps } from './aks-api-server-authorized-ips.js';
import { check as aksAzurePolicy } from './aks-azure-policy.js';
import { check as aksLocalAccounts } from './aks-local-accounts.js';
import { check as aksNetworkPolicy } from './aks-network-policy.js';
import { check as aksPrivateCluster } from './aks-private-cluster.js';
import { check as aksRbacDisabled } from './aks-rbac-disabled.js';
import { check as appServiceAuth } from './app-service-auth.js';
import { check as appServiceClientCerts } from './app-service-client-certs.js';
import { check as appServiceFtps } from './app-service-ftps.js';
import { check as appServiceHttpsOnly } from './app-service-https-only.js';
import { check as appServiceManagedIdentity } from './app-service-managed-identity.js';
import { check as appServiceMinTls } from './app-service-min-tls.js';
import { check as appServiceRemoteDebugging } from './app-service-remote-debugging.js';
import { check as cosmosdbKeyMetadataWrite } from './cosmosdb-key-metadata-write.js';
import { check as cosmosdbPublicNetworkAccess } from './cosmosdb-public-network-access.js';
import { check as databaseGeoBackup } from './database-geo-backup.js';
import { check as databaseMinTls } from './database-min-tls.js';
import { check as databasePublicNetworkAccess } from './database-public-network-access.js';
import { check as databaseSslDisabled } from './database-ssl-disabled.js';
import { check as keyVaultKeyExpiration } from './key-vault-key-expiration.js';
import { check as keyVaultNetworkDefaultAllow } from './key-vault-network-default-allow.js';
import { check as keyVaultPurgeProtection } from './key-vault-purge-protection.js';
import { check as keyVaultSecretExpiration } from './key-vault-secret-expiration.js';
import { check as keyVaultSoftDelete } from './key-vault-soft-delete.js';
import { check as nsgAllPortsOpen } from './nsg-all-ports-open.js';
import { check as nsgRdpOpen } from './nsg-rdp-open.js';
import { check as nsgSshOpen } from './nsg-ssh-open.js';
import { check as redisMinTls } from './redis-min-tls.js';
import { check as redisNonSslPort } from './redis-non-ssl-port.js';
import { check as sqlAadAdmin } from './sql-aad-admin.js';
import { check as sqlAuditing } from './sql-auditing.js';
import { check as sqlFirewallOpen } from './sql-firewall-open.js';
import { check as sqlMinTls } from './sql-min-tls.js';
import { check as sqlPublicNetworkAccess } from './sql-public-network-access.js';
import { check as sqlTdeDisabled } from './sql-tde-disabled.js';
import { check as storageContainerPublic } from './storage-container-public.js';
import { check as storageHttpsOnly } from './storage-https-only.js';
import { check as storageInfrastructureEncryption } from './storage-infrastructure-encryption.js';
import { check as storageMinTls } from './storage-min-tls.js';
import { check as storageNetworkDefaultAllow } from './storage-network-default-allow.js';
import { check as storagePublicBlobAccess } from './storage-public-blob-access.js';
import { check as storageSharedKeyAccess } from './storage-shared-key-access.js';
import { check as vmDiskEncryption } from './vm-disk-encryption.js';
import { check as vmPasswordAuth } from './vm-password-auth.js';

/** Terraform checks for azure, sorted by id (one file per check in this folder; `support*.ts` are helpers). */
export const AZURE_CHECKS: readonly IacCheck<TfProject>[] = [
  acrAdminEnabled,
  acrPublicNetworkAccess,
  aksApiServerAuthorizedIps,
  aksAzurePolicy,
  aksLocalAccounts,
  aksNetworkPolicy,
  aksPrivateCluster,
  aksRbacDisabled,
  appServiceAuth,
  appServiceClientCerts,
  appServiceFtps,
  appServiceHttpsOnly,
  appServiceManagedIdentity,
  appServiceMinTls,
  appServiceRemoteDebugging,
  cosmosdbKeyMetadataWrite,
  cosmosdbPublicNetworkAccess,
  databaseGeoBackup,
  databaseMinTls,
  databasePublicNetworkAccess,
  databaseSslDisabled,
  keyVaultKeyExpiration,
  keyVaultNetworkDefaultAllow,
  keyVaultPurgeProtection,
  keyVaultSecretExpiration,
  keyVaultSoftDelete,
  nsgAllPortsOpen,
  nsgRdpOpen,
  nsgSshOpen,
  redisMinTls,
  redisNonSslPort,
  sqlAadAdmin,
  sqlAuditing,
  sqlFirewallOpen,
  sqlMinTls,
  sqlPublicNetworkAccess,
  sqlTdeDisabled,
  storageContainerPublic,
  storageHttpsOnly,
  storageInfrastructureEncryption,
  storageMinTls,
  storageNetworkDefaultAllow,
  storagePublicBlobAccess,
  storageSharedKeyAccess,
  vmDiskEncryption,
  vmPasswordAuth,
];
