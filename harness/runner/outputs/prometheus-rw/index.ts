export { RemoteWriteOutput, type RemoteWriteStats } from './remote-write-output.ts';
export {
  remoteWriteConfigFromEnv,
  DEFAULT_TREND_STATS,
  DEFAULT_PUSH_INTERVAL,
  LAB_REMOTE_WRITE_ENV,
  type RemoteWriteConfig,
} from './config.ts';
export { encodeWriteRequest, remoteWriteBody, type TimeSeries } from './write-request.ts';
