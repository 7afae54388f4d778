export { RemoteWriteOutput, type RemoteWriteStats } from './remote-write-output.ts';
export { remoteWriteConfigFromEnv, DEFAULT_TREND_STATS, type RemoteWriteConfig } from './config.ts';
export { encodeWriteRequest, remoteWriteBody, type TimeSeries } from './write-request.ts';
