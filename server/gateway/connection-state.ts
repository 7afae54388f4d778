/** Where one client socket is: hello moves it AwaitingHello → Joining → Ready (or back, when hello fails). */
export enum ConnectionState {
  AwaitingHello = 'awaiting-hello',
  Joining = 'joining',
  Ready = 'ready',
  Closed = 'closed',
}
