// ApplicationInfo as GetApplication and BatchGetApplications answer it.
import type { ApplicationRecord } from '../../domain/codedeploy/records.js';

export function toWireApplication(app: ApplicationRecord) {
  return {
    applicationId: app.applicationId,
    applicationName: app.applicationName,
    createTime: new Date(app.createTime),
    linkedToGitHub: false,
    computePlatform: app.computePlatform,
  };
}
