// Real Postgres, Redis and NATS for integration tests: the same services the
// lab and `swaglab board` start, from harness/services.
export { startNats, startPostgres, startRedis, type RunningService } from '../../harness/services/start-service.ts';
