// Imported relatively by ws-echo.ts to prove TS helpers get bundled.
export interface EchoMsg {
  vu: number;
  seq: number;
  sentAt: number;
}

export function encode(msg: EchoMsg): string {
  return JSON.stringify(msg);
}
