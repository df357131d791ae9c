import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { azureMeta, ofType, stringAtAny } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: azureMeta({
    id: 'iac/azure-storage-container-public',
    title: 'Storage container allows anonymous public read access',
    severity: 'high',
    cwe: ['CWE-284', 'CWE-200'],
    description:
      '`container_access_type = "blob"` lets anyone on the internet read every blob whose URL they know or ' +
      'guess; `"container"` also lets them list the container. Public containers are a frequent source of data ' +
      'leaks.',
    help: {
      bad: 'resource "azurerm_storage_container" "reports" {\n  name                  = "reports"\n  storage_account_name  = "acmedata"\n  container_access_type = "container"\n}\n',
      good: 'resource "azurerm_storage_container" "reports" {\n  name                  = "reports"\n  storage_account_name  = "acmedata"\n  container_access_type = "private"\n}\n',
      fix: 'Use `container_access_type = "private"` (the default) and share individual blobs with short-lived SAS tokens or through a CDN.',
    },
    references: [
      'https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure',
      'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type',
    ],
    checkov: ['CKV_AZURE_34'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'azurerm_storage_container')) {
      const access = stringAtAny(resource.block, 'container_access_type');
      const text = access.kind === 'value' ? access.text?.toLowerCase() : undefined;
      if (access.kind === 'value' && (text === 'blob' || text === 'container'))
        reportAt(report, resource, access.found, `Storage container allows anonymous "${text}" access`);
    }
  },
};
