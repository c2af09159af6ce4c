// The fleet room: many real clocks in one process against one cloud, driven by a workload profile, with
// a live view while it runs and a report (JSON, Markdown, SVG) at the end; shards merge into one report.
export { DEFAULT_MAX_SOCKETS, startFleet, type FleetOptions, type FleetRun, type Phase } from './run.js';
export { loadProfile, parseProfile, ProfileFileError, DEFAULT_DATE, type FleetProfile } from './profile.js';
export { startEmbeddedCloud, urlCloud, type FleetCloud } from './fleet-cloud.js';
export { CloudApiError } from './cloud-api.js';
export { checkSerialPattern, defaultSerialPattern, serialOf } from './identity.js';
export { REPORT_FORMAT, type FleetReport } from './report.js';
export { mergeReports, MergeError, type ReportFile } from './merge.js';
export { writeReport, type WrittenReport } from './report-files.js';
export { summaryLines } from './report-md.js';
export { LiveView } from './live-view.js';
export { FDS_OF_DATA, fdProblem, openFileLimit } from './fd-budget.js';
export { REPORT_LOG_PREFIX, reportFromLog, reportLogLine } from './report-log.js';
export { SocketGate } from './socket-gate.js';
