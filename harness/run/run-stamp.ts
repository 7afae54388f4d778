// The UTC time that starts every run, suite and comparison directory name
// (`20261201-174210-presence-typing`): sortable, and safe in any file system.
export function runStamp(at: Date = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
