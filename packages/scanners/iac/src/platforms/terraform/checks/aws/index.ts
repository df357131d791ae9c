import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { check as apiGatewayMethodNoAuth } from './api-gateway-method-no-auth.js';
import { check as apiGatewayStageNoAccessLogs } from './api-gateway-stage-no-access-logs.js';
import { check as cloudfrontAllowsHttp } from './cloudfront-allows-http.js';
import { check as cloudfrontNoWaf } from './cloudfront-no-waf.js';
import { check as cloudfrontOutdatedTls } from './cloudfront-outdated-tls.js';
import { check as cloudtrailLogValidationDisabled } from './cloudtrail-log-validation-disabled.js';
import { check as cloudtrailNoCloudwatchLogs } from './cloudtrail-no-cloudwatch-logs.js';
import { check as cloudtrailNotKmsEncrypted } from './cloudtrail-not-kms-encrypted.js';
import { check as cloudtrailNotMultiRegion } from './cloudtrail-not-multi-region.js';
import { check as defaultSecurityGroupAllowsTraffic } from './default-security-group-allows-traffic.js';
import { check as dynamodbNotKmsEncrypted } from './dynamodb-not-kms-encrypted.js';
import { check as dynamodbPitrDisabled } from './dynamodb-pitr-disabled.js';
import { check as ebsEncryptionByDefaultDisabled } from './ebs-encryption-by-default-disabled.js';
import { check as ebsVolumeNotEncrypted } from './ebs-volume-not-encrypted.js';
import { check as ec2BlockDeviceNotEncrypted } from './ec2-block-device-not-encrypted.js';
import { check as ec2Imdsv1Enabled } from './ec2-imdsv1-enabled.js';
import { check as ec2PublicIp } from './ec2-public-ip.js';
import { check as ec2UserDataSecrets } from './ec2-user-data-secrets.js';
import { check as ecrRepositoryPolicyPublic } from './ecr-repository-policy-public.js';
import { check as ecrScanOnPushDisabled } from './ecr-scan-on-push-disabled.js';
import { check as ecrTagsMutable } from './ecr-tags-mutable.js';
import { check as efsNotEncrypted } from './efs-not-encrypted.js';
import { check as eksAuditLoggingDisabled } from './eks-audit-logging-disabled.js';
import { check as eksPublicEndpoint } from './eks-public-endpoint.js';
import { check as eksSecretsNotEncrypted } from './eks-secrets-not-encrypted.js';
import { check as elasticacheNoAuth } from './elasticache-no-auth.js';
import { check as elasticacheNotEncryptedAtRest } from './elasticache-not-encrypted-at-rest.js';
import { check as elasticacheNotEncryptedInTransit } from './elasticache-not-encrypted-in-transit.js';
import { check as iamPasswordPolicyReuse } from './iam-password-policy-reuse.js';
import { check as iamPasswordPolicyShort } from './iam-password-policy-short.js';
import { check as iamPasswordPolicyWeakComplexity } from './iam-password-policy-weak-complexity.js';
import { check as iamPolicyAdmin } from './iam-policy-admin.js';
import { check as iamPolicyAttachedToUser } from './iam-policy-attached-to-user.js';
import { check as iamPolicyPassroleAnyResource } from './iam-policy-passrole-any-resource.js';
import { check as iamPolicyServiceWildcard } from './iam-policy-service-wildcard.js';
import { check as iamRoleTrustAnyPrincipal } from './iam-role-trust-any-principal.js';
import { check as kmsKeyPolicyPublic } from './kms-key-policy-public.js';
import { check as kmsKeyRotationDisabled } from './kms-key-rotation-disabled.js';
import { check as lambdaEnvironmentSecrets } from './lambda-environment-secrets.js';
import { check as lambdaFunctionUrlNoAuth } from './lambda-function-url-no-auth.js';
import { check as lambdaTracingDisabled } from './lambda-tracing-disabled.js';
import { check as lbAccessLogsDisabled } from './lb-access-logs-disabled.js';
import { check as lbHttpListener } from './lb-http-listener.js';
import { check as lbInvalidHeadersNotDropped } from './lb-invalid-headers-not-dropped.js';
import { check as lbOutdatedTlsPolicy } from './lb-outdated-tls-policy.js';
import { check as opensearchHttpsNotEnforced } from './opensearch-https-not-enforced.js';
import { check as opensearchNodeToNodeEncryptionDisabled } from './opensearch-node-to-node-encryption-disabled.js';
import { check as opensearchNotEncryptedAtRest } from './opensearch-not-encrypted-at-rest.js';
import { check as opensearchNotInVpc } from './opensearch-not-in-vpc.js';
import { check as providerHardcodedCredentials } from './provider-hardcoded-credentials.js';
import { check as rdsBackupDisabled } from './rds-backup-disabled.js';
import { check as rdsDeletionProtectionDisabled } from './rds-deletion-protection-disabled.js';
import { check as rdsIamAuthenticationDisabled } from './rds-iam-authentication-disabled.js';
import { check as rdsPubliclyAccessible } from './rds-publicly-accessible.js';
import { check as rdsStorageNotEncrypted } from './rds-storage-not-encrypted.js';
import { check as redshiftNotEncrypted } from './redshift-not-encrypted.js';
import { check as redshiftPubliclyAccessible } from './redshift-publicly-accessible.js';
import { check as s3BucketAccessLoggingDisabled } from './s3-bucket-access-logging-disabled.js';
import { check as s3BucketNotKmsEncrypted } from './s3-bucket-not-kms-encrypted.js';
import { check as s3BucketPolicyPublic } from './s3-bucket-policy-public.js';
import { check as s3BucketPublicAccessBlockMissing } from './s3-bucket-public-access-block-missing.js';
import { check as s3BucketPublicAcl } from './s3-bucket-public-acl.js';
import { check as s3BucketTlsNotEnforced } from './s3-bucket-tls-not-enforced.js';
import { check as s3BucketVersioningDisabled } from './s3-bucket-versioning-disabled.js';
import { check as s3PublicAccessBlockDisabled } from './s3-public-access-block-disabled.js';
import { check as secretsmanagerRotationDisabled } from './secretsmanager-rotation-disabled.js';
import { check as sgIngressAllOpen } from './sg-ingress-all-open.js';
import { check as sgIngressDatabaseOpen } from './sg-ingress-database-open.js';
import { check as sgIngressRdpOpen } from './sg-ingress-rdp-open.js';
import { check as sgIngressSshOpen } from './sg-ingress-ssh-open.js';
import { check as snsTopicNotEncrypted } from './sns-topic-not-encrypted.js';
import { check as snsTopicPolicyPublic } from './sns-topic-policy-public.js';
import { check as sqsQueueNotEncrypted } from './sqs-queue-not-encrypted.js';
import { check as sqsQueuePolicyPublic } from './sqs-queue-policy-public.js';
import { check as vpcFlowLogsDisabled } from './vpc-flow-logs-disabled.js';

/** Terraform checks for aws, sorted by id (one file per check in this folder; `support.ts` holds shared helpers). */
export const AWS_CHECKS: readonly IacCheck<TfProject>[] = [
  apiGatewayMethodNoAuth,
  apiGatewayStageNoAccessLogs,
  cloudfrontAllowsHttp,
  cloudfrontNoWaf,
  cloudfrontOutdatedTls,
  cloudtrailLogValidationDisabled,
  cloudtrailNoCloudwatchLogs,
  cloudtrailNotKmsEncrypted,
  cloudtrailNotMultiRegion,
  defaultSecurityGroupAllowsTraffic,
  dynamodbNotKmsEncrypted,
  dynamodbPitrDisabled,
  ebsEncryptionByDefaultDisabled,
  ebsVolumeNotEncrypted,
  ec2BlockDeviceNotEncrypted,
  ec2Imdsv1Enabled,
  ec2PublicIp,
  ec2UserDataSecrets,
  ecrRepositoryPolicyPublic,
  ecrScanOnPushDisabled,
  ecrTagsMutable,
  efsNotEncrypted,
  eksAuditLoggingDisabled,
  eksPublicEndpoint,
  eksSecretsNotEncrypted,
  elasticacheNoAuth,
  elasticacheNotEncryptedAtRest,
  elasticacheNotEncryptedInTransit,
  iamPasswordPolicyReuse,
  iamPasswordPolicyShort,
  iamPasswordPolicyWeakComplexity,
  iamPolicyAdmin,
  iamPolicyAttachedToUser,
  iamPolicyPassroleAnyResource,
  iamPolicyServiceWildcard,
  iamRoleTrustAnyPrincipal,
  kmsKeyPolicyPublic,
  kmsKeyRotationDisabled,
  lambdaEnvironmentSecrets,
  lambdaFunctionUrlNoAuth,
  lambdaTracingDisabled,
  lbAccessLogsDisabled,
  lbHttpListener,
  lbInvalidHeadersNotDropped,
  lbOutdatedTlsPolicy,
  opensearchHttpsNotEnforced,
  opensearchNodeToNodeEncryptionDisabled,
  opensearchNotEncryptedAtRest,
  opensearchNotInVpc,
  providerHardcodedCredentials,
  rdsBackupDisabled,
  rdsDeletionProtectionDisabled,
  rdsIamAuthenticationDisabled,
  rdsPubliclyAccessible,
  rdsStorageNotEncrypted,
  redshiftNotEncrypted,
  redshiftPubliclyAccessible,
  s3BucketAccessLoggingDisabled,
  s3BucketNotKmsEncrypted,
  s3BucketPolicyPublic,
  s3BucketPublicAccessBlockMissing,
  s3BucketPublicAcl,
  s3BucketTlsNotEnforced,
  s3BucketVersioningDisabled,
  s3PublicAccessBlockDisabled,
  secretsmanagerRotationDisabled,
  sgIngressAllOpen,
  sgIngressDatabaseOpen,
  sgIngressRdpOpen,
  sgIngressSshOpen,
  snsTopicNotEncrypted,
  snsTopicPolicyPublic,
  sqsQueueNotEncrypted,
  sqsQueuePolicyPublic,
  vpcFlowLogsDisabled,
];
