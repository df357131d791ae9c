/** The docker-compose checks, sorted by rule id. */
import type { IacCheck } from '../../../check.js';
import type { ComposeFile } from '../model.js';
import { check as dangerousCapability } from './dangerous-capability.js';
import { check as dockerSocket } from './docker-socket.js';
import { check as exposedDatabasePort } from './exposed-database-port.js';
import { check as hostIpc } from './host-ipc.js';
import { check as hostNetwork } from './host-network.js';
import { check as hostPid } from './host-pid.js';
import { check as hostUserns } from './host-userns.js';
import { check as imageLatest } from './image-latest.js';
import { check as noResourceLimits } from './no-resource-limits.js';
import { check as privileged } from './privileged.js';
import { check as secretInEnvironment } from './secret-in-environment.js';
import { check as securityOptUnconfined } from './security-opt-unconfined.js';
import { check as sensitiveHostPath } from './sensitive-host-path.js';
import { check as userRoot } from './user-root.js';

export const COMPOSE_CHECKS: readonly IacCheck<ComposeFile>[] = [
  dangerousCapability,
  dockerSocket,
  exposedDatabasePort,
  hostIpc,
  hostNetwork,
  hostPid,
  hostUserns,
  imageLatest,
  noResourceLimits,
  privileged,
  secretInEnvironment,
  securityOptUnconfined,
  sensitiveHostPath,
  userRoot,
];
