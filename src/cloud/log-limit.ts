// The cloud's rate-limited warnings, written in src/log-limit.ts with the LAN port's (one way of counting
// a flood for both); kept here as a re-export so that the cloud's files keep their import.
export { DEFAULT_LOG_LIMITS, LogLimiter, type LogLimits } from '../log-limit.js';
